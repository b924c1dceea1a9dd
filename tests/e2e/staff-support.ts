/**
 * What the staff end-to-end tests share: calling the host's API as a persona (to set a scene the
 * test is not about), logging in in the browser, taking a photo, and reading an .xlsx back.
 */
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { centre, openBrowser, settle, visible, type Session } from './support/browser';
import { startHost, type RunningHost } from './support/host';

/**
 * Options for `startHost`: `STAFF_E2E_H5_DIR` serves a copy of the H5 build instead of dist-h5, so
 * a run is not disturbed by another build rewriting dist-h5 meanwhile.
 */
export const hostOptions = () => (process.env.STAFF_E2E_H5_DIR ? { env: { H5_DIR: process.env.STAFF_E2E_H5_DIR } } : {});

/** A valid 8×8 PNG: the host sniffs the bytes, so the photo must be a real image. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAhUlEQVR4nAXBIQEAIAwAQRJNEAFBBAQREDT4iUWYIMLEIiDIxl0RaqMO6qIq1alBvdQi9EYf9EVXutODfulFmI05mIupTGcG8zKLsBt7sBdb2c4O9mUXwRo2sIUp5lhgFyvCaZzBWRzlOCc4l1OEbOQgF6mkk0Fesgiv8QZv8ZTnvOBd3gdjqFpBztsBAgAAAABJRU5ErkJggg==',
  'base64',
);

export interface Api {
  token: string;
  call<T = Record<string, unknown>>(fn: string, action: string, params?: Record<string, unknown>): Promise<T>;
}

/** The host's API as one persona (POST /auth/dev-login, then Bearer calls). */
export async function apiAs(host: RunningHost, openid: string): Promise<Api> {
  const login = await fetch(`${host.url}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  });
  const body = (await login.json()) as { ok: boolean; data: { token: string } };
  if (!body.ok) throw new Error(`dev-login ${openid} failed: ${JSON.stringify(body)}`);
  const token = body.data.token;
  return {
    token,
    async call<T>(fn: string, action: string, params: Record<string, unknown> = {}): Promise<T> {
      const res = await fetch(`${host.url}/api/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ action, ...params }),
      });
      const r = (await res.json()) as { ok: boolean; data?: T; error?: { code: string; message: string } };
      if (!r.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.error?.code} ${r.error?.message}`);
      return r.data as T;
    },
  };
}

let requestSeq = 0;
/** Files a resident's case through the API; returns its id and status. */
export async function submitCase(
  api: Api,
  params: { buildingId: string; categoryId: string; description: string; contactPhone?: string },
): Promise<{ caseId: string; caseNo: string; status: string; holder?: { role: string } }> {
  requestSeq += 1;
  return api.call('resident', 'submitCase', {
    requestId: `e2e-staff-${Date.now().toString(36)}-${requestSeq}`,
    isPublic: true,
    ...params,
  });
}

/**
 * Taps an element. Taro's H5 pull-to-refresh wrapper is listed first by `elementsFromPoint` once a
 * page has scrolled, which Playwright's hit check reads as "covered", although the browser (and a
 * finger) hits the button itself; so wait for it to show, then click at its centre without that check.
 */
export async function tap(target: Locator): Promise<void> {
  await target.waitFor();
  await centre(target);
  // A page slides in when opened: wait until the target stops moving, as a finger would.
  let last = '';
  for (let i = 0; i < 30; i++) {
    const box = JSON.stringify(await target.boundingBox());
    if (box === last) break;
    last = box;
    await target.page().waitForTimeout(100);
  }
  await target.click({ force: true });
}

/**
 * Taps until `opens` shows, as a person taps again when nothing happened: a tap that lands while
 * the panel re-renders after a save reaches the element being replaced.
 */
export async function tapUntil(target: Locator, opens: Locator, tries = 4): Promise<void> {
  for (let i = 0; i < tries; i++) {
    await tap(target);
    if (
      await opens.waitFor({ timeout: 3000 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  await opens.waitFor();
}

/** Waits until the visible element with the test id shows the text. */
export async function waitText(page: Page, testId: string, text: string | RegExp): Promise<void> {
  await page.locator(`[data-testid="${testId}"]`).filter({ visible: true, hasText: text }).first().waitFor();
}

/** Opens the app at `hash` and picks the persona when the picker shows. */
export async function openAs(page: Page, host: RunningHost, openid: string, hash = '/pages/index/index'): Promise<void> {
  await page.goto(`${host.url}/#${hash}`);
  const picker = visible(page, 'persona-picker');
  await picker.waitFor();
  await visible(page, `persona-${openid}`).click();
  await picker.waitFor({ state: 'detached' }).catch(() => undefined);
  await settle(page);
}

/** Taps a button that opens the photo chooser and gives it the PNG. */
export async function attachPhoto(page: Page, testId: string, name = 'photo.png'): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(visible(page, testId))]);
  await chooser.setFiles({ name, mimeType: 'image/png', buffer: PNG });
}

/** The first sheet of an .xlsx: title line, header row, data rows, as text. */
export async function readSheet(bytes: Buffer): Promise<{ title: string; header: string[]; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const cell = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : String(v));
  const all: string[][] = [];
  ws.eachRow((row) => all.push((row.values as ExcelJS.CellValue[]).slice(1).map(cell)));
  return { title: all[0]?.[0] ?? '', header: all[1] ?? [], rows: all.slice(2) };
}

/** Runs a test body; on failure saves a screenshot of each open browser first, to see what it saw. */
export async function withFailureShots(
  sessions: () => ({ screenshot: (name: string) => Promise<string> } | undefined)[],
  body: () => Promise<void>,
) {
  try {
    await body();
  } catch (e) {
    for (const s of sessions()) await s?.screenshot('failure').catch(() => undefined);
    throw e;
  }
}

/** What a test on its own host is given: the host, and `browse` to open a browser session on it. */
export interface Stage {
  host: RunningHost;
  /** Opens a browser session named `testName`, closing the one `browse` opened before. */
  browse(testName: string): Promise<Session>;
  /** Opens a browser session named `testName` that stays open beside the others until the end. */
  open(testName: string): Promise<Session>;
}

/**
 * Runs a test on a host of its own: on failure every open session's screenshot is kept; after it
 * (failed or not) the sessions are closed and the host stopped with its data removed.
 */
export async function onOwnHost(body: (stage: Stage) => Promise<void>): Promise<void> {
  const host = await startHost(hostOptions());
  let session: Session | undefined;
  const kept: Session[] = [];
  const browse = async (testName: string): Promise<Session> => {
    await session?.close();
    session = await openBrowser(testName);
    return session;
  };
  const open = async (testName: string): Promise<Session> => {
    const opened = await openBrowser(testName);
    kept.push(opened);
    return opened;
  };
  try {
    await withFailureShots(
      () => [...kept, session],
      () => body({ host, browse, open }),
    );
  } finally {
    for (const s of [...kept, session]) await s?.close();
    await host.stop({ removeData: true });
  }
}

/** Polls until `check` answers true (20 s at most). */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting until ${what}`);
}

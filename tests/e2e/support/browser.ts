/**
 * Headless Chromium for the end-to-end tests (playwright-core; no downloaded browsers): a phone
 * sized page, screenshots under test-results/screenshots/<test>/, and helpers for Taro's H5
 * components (custom elements such as <taro-view-core>; Input and Textarea wrap a real
 * <input>/<textarea>, which is what must be filled).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ROOT } from './host';

export const CHROME_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const executablePath = (): string => process.env.CHROME_PATH || '/usr/bin/chromium';

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Saves test-results/screenshots/<test>/<nn>-<name>.png (numbered in the order taken). */
  screenshot: (name: string) => Promise<string>;
  /** Errors the page threw or logged; a test may assert there were none. */
  pageErrors: string[];
  close: () => Promise<void>;
}

export async function openBrowser(testName: string): Promise<Session> {
  const browser = await chromium.launch({ executablePath: executablePath(), args: CHROME_ARGS, headless: true });
  const context = await browser.newContext({
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  const dir = join(ROOT, 'test-results', 'screenshots', safeName(testName));
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return {
    browser,
    context,
    page,
    pageErrors,
    async screenshot(name) {
      n += 1;
      const file = join(dir, `${String(n).padStart(2, '0')}-${safeName(name)}.png`);
      await settle(page);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
    },
  };
}

const safeName = (s: string): string => s.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'shot';

/** Any element by its data-testid. */
export const byTestId = (page: Page | Locator, id: string): Locator => page.locator(`[data-testid="${id}"]`);

/**
 * The page being shown. Taro's H5 router keeps earlier pages in the DOM (hidden), so a test id
 * may match several elements; this scopes to the visible page.
 */
export const visible = (page: Page | Locator, id: string): Locator => byTestId(page, id).filter({ visible: true }).first();

/** Types into a Taro <Textarea>/<Input>: the real field is inside the custom element. */
export async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  const field = visible(page, testId).locator('textarea, input').first();
  await field.fill(text);
}

/**
 * Scrolls an element to the middle of its scrolling area, so that a tap at its centre is not taken
 * by the fixed tab bar or a fixed action bar (at the designed 20 px root font, elements that
 * `scrollIntoViewIfNeeded` leaves at the bottom edge sit under them).
 */
export async function centre(target: Locator): Promise<void> {
  await target.evaluate((el) => (el as unknown as { scrollIntoView(o: { block: string }): void }).scrollIntoView({ block: 'center' }));
}

/** Waits for Taro's page slide animation to finish, so screenshots show one page. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(400);
}

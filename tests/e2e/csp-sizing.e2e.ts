/**
 * The host's content security policy lets the H5 page run as built: the inline root-font sizing
 * script runs (at 375 px the root font is 20 px, so the UI has its designed size), the icon fonts
 * load from `data:` URLs, and no page the app opens reports a CSP violation — neither as a
 * `securitypolicyviolation` event nor in the console.
 */
import type { ConsoleMessage } from 'playwright-core';
import { openBrowser, settle, visible, type Session } from './support/browser';
import { startHost, type RunningHost } from './support/host';

// The page's globals, typed just enough for the functions run inside it (the server tsconfig has no DOM lib).
declare const document: {
  documentElement: unknown;
  addEventListener(type: string, fn: (e: { violatedDirective: string; blockedURI: string }) => void): void;
};
declare const window: { __csp?: string[] };
declare function getComputedStyle(el: unknown): { fontSize: string };

let host: RunningHost | undefined;
let session: Session | undefined;

afterEach(async () => {
  await session?.close();
  await host?.stop({ removeData: true });
  session = undefined;
  host = undefined;
});

/** Every page of the app (hash paths), opened as a community admin, who sees the most of them. */
const PAGES = [
  '/pages/index/index',
  '/pages/cases/index',
  '/pages/workbench/index',
  '/pages/messages/index',
  '/pages/me/index',
  '/pages-resident/report/index',
  '/pages-resident/privacy/index',
  '/pages-board/index/index',
  '/pages-board/cases/index',
  '/pages-admin/cases/index',
  '/pages-admin/org/index',
  '/pages-admin/config/index',
  '/pages-admin/stats/index',
  '/pages-admin/weekly/index',
];

test('根字号 375px 时为 20px；每个页面都没有违反 CSP 的报错', async () => {
  host = await startHost();
  session = await openBrowser('csp-sizing');
  const { page } = session;
  const consoleProblems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect)/i.test(m.text())) consoleProblems.push(m.text());
  });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp!.push(`${e.violatedDirective} ${e.blockedURI}`));
  });

  const res = await page.goto(`${host.url}/`);
  await settle(page);
  const rootFont = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  expect(rootFont).toBe('20px');
  const csp = res?.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(csp).toContain("font-src 'self' data:");

  await visible(page, 'persona-picker').waitFor();
  await visible(page, 'persona-demo-admin-1').click();
  await visible(page, 'persona-picker')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);

  const visited: { path: string; rootFont: string; violations: string[] }[] = [];
  for (const path of PAGES) {
    await page.goto('about:blank');
    await page.goto(`${host.url}/#${path}`);
    await settle(page);
    await page.waitForTimeout(300);
    visited.push({
      path,
      rootFont: await page.evaluate(() => getComputedStyle(document.documentElement).fontSize),
      violations: await page.evaluate(() => window.__csp ?? []),
    });
  }
  await session.screenshot('admin-stats-at-designed-size');
  expect(visited).toEqual(PAGES.map((path) => ({ path, rootFont: '20px', violations: [] })));
  expect(consoleProblems).toEqual([]);
  expect(session.pageErrors).toEqual([]);
});

/**
 * How long the public board takes to show its numbers: from the start of navigation (the new
 * document's time origin) until the 受理 figure is on screen with a number in it. Shared by
 * tests/e2e/board.e2e.ts and bench/run.ts (公示栏数字可见时间).
 */
import type { Page } from 'playwright-core';

// The page's globals, typed just enough for the function run inside it (the server tsconfig has no DOM lib).
declare const document: {
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null; getClientRects(): { length: number } }>;
};

export const BOARD_HASH = '#/pages-board/index/index';

export interface BoardTiming {
  /** performance.now() in the page when the numbers were first seen: ms since navigation start. */
  sinceNavigation: number;
  /** Wall-clock ms around page.goto until the numbers were seen, as the test runner saw it. */
  wall: number;
}

export async function timeBoardNumbers(page: Page, baseUrl: string, timeout = 30000): Promise<BoardTiming> {
  const started = Date.now();
  await page.goto(`${baseUrl}/${BOARD_HASH}`, { waitUntil: 'commit' });
  // Polled on every animation frame: the first frame in which the number is painted.
  const handle = await page.waitForFunction(
    () => {
      const nodes = Array.from(document.querySelectorAll('[data-testid="figure-received"]'));
      const shown = nodes.find((n) => n.getClientRects().length > 0 && /\d/.test(n.textContent ?? ''));
      return shown ? performance.now() : null;
    },
    undefined,
    { polling: 'raf', timeout },
  );
  const sinceNavigation = Number(await handle.jsonValue());
  return { sinceNavigation: Math.round(sinceNavigation), wall: Date.now() - started };
}

/**
 * Labelled fields in H5: every text field a staff page shows must be named by a visible label tied
 * to it (`<label for>` → the real `<input>` / `<textarea>`), not by its placeholder alone.
 */
import type { Page } from 'playwright-core';
import { visible } from './browser';

export interface ShownField {
  /** data-testid of the Taro element around the real control ('' when it has none). */
  testId: string;
  id: string;
  /** Text of the labels tied to the control, '' when none is. */
  label: string;
}

/**
 * What `shownFields` runs in the page (a string: the server type check has no DOM library): the
 * real controls, less files, boxes and hidden ones, with the text of the shown labels tied to each.
 */
const SHOWN_FIELDS = `(() => {
  const skip = new Set(['file', 'hidden', 'checkbox', 'radio', 'button', 'submit', 'range']);
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return [...document.querySelectorAll('input, textarea')]
    .filter((el) => !(el.tagName === 'INPUT' && skip.has(el.type)) && shown(el))
    .map((el) => ({
      testId: el.closest('[data-testid]')?.getAttribute('data-testid') ?? '',
      id: el.id,
      label: [...(el.labels ?? [])]
        .filter(shown)
        .map((l) => (l.textContent ?? '').replace(/\\s+/g, ' ').trim())
        .join(' '),
    }));
})()`;

/** The text fields the page shows (input and textarea; not files, boxes or hidden ones). */
export async function shownFields(page: Page): Promise<ShownField[]> {
  return (await page.evaluate(SHOWN_FIELDS)) as ShownField[];
}

/**
 * Waits until each of `testIds` is shown, then checks every text field on the page: a visible label
 * is tied to it, and Playwright's `getByLabel` with that label's text finds that very field.
 * Answers the fields checked.
 */
export async function expectFieldsLabelled(page: Page, testIds: string[]): Promise<ShownField[]> {
  for (const id of testIds) await visible(page, id).waitFor();
  // Taro's H5 field draws its real <input> a moment after the element around it shows: wait for
  // the controls themselves (on a time-out the check below says which one is missing).
  const allShown = `(() => { const got = new Set(${SHOWN_FIELDS}.map((f) => f.testId)); return ${JSON.stringify(testIds)}.every((id) => got.has(id)); })()`;
  await page.waitForFunction(allShown, undefined, { timeout: 10_000 }).catch(() => undefined);
  const fields = await shownFields(page);
  const shown = new Set(fields.map((f) => f.testId));
  expect(testIds.filter((id) => !shown.has(id))).toEqual([]);
  expect(fields.filter((f) => !f.label).map((f) => f.testId || f.id || '(无 testid)')).toEqual([]);
  for (const f of fields) {
    const ids = await page.getByLabel(f.label).evaluateAll((els) => els.map((e) => (e as unknown as { id: string }).id));
    expect({ label: f.label, found: ids.includes(f.id) }).toEqual({ label: f.label, found: true });
  }
  return fields;
}

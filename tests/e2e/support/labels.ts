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

/** The text fields the page shows (input and textarea; not files, boxes or hidden ones). */
export async function shownFields(page: Page): Promise<ShownField[]> {
  return page.evaluate(() => {
    const skip = new Set(['file', 'hidden', 'checkbox', 'radio', 'button', 'submit', 'range']);
    const controls = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')];
    return controls
      .filter((el) => !(el instanceof HTMLInputElement && skip.has(el.type)))
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      .map((el) => ({
        testId: el.closest('[data-testid]')?.getAttribute('data-testid') ?? '',
        id: el.id,
        label: [...(el.labels ?? [])]
          .filter((l) => l.getClientRects().length > 0)
          .map((l) => (l.textContent ?? '').replace(/\s+/g, ' ').trim())
          .join(' '),
      }));
  });
}

/**
 * Waits until each of `testIds` is shown, then checks every text field on the page: a visible label
 * is tied to it, and Playwright's `getByLabel` with that label's text finds that very field.
 * Answers the fields checked.
 */
export async function expectFieldsLabelled(page: Page, testIds: string[]): Promise<ShownField[]> {
  for (const id of testIds) await visible(page, id).waitFor();
  const fields = await shownFields(page);
  const shown = new Set(fields.map((f) => f.testId));
  expect(testIds.filter((id) => !shown.has(id))).toEqual([]);
  expect(fields.filter((f) => !f.label).map((f) => f.testId || f.id || '(无 testid)')).toEqual([]);
  for (const f of fields) {
    const ids = await page.getByLabel(f.label).evaluateAll((els) => els.map((e) => e.id));
    expect({ label: f.label, found: ids.includes(f.id) }).toEqual({ label: f.label, found: true });
  }
  return fields;
}

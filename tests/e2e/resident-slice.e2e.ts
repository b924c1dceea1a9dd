/**
 * 居民上报一件诉求：选身份 → 我要上报 → 选类别和楼栋 → 写说明 → 提交 → 看到编号、处理人和时限
 * → 我的诉求里有它和它的状态 → 主机重启后它还在。
 */
import { byTestId, openBrowser, settle, typeInto, visible, type Session } from './support/browser';
import { listPersonas, startHost, type Persona, type RunningHost } from './support/host';
import type { Page } from 'playwright-core';

const DESCRIPTION = '3栋2单元楼道灯坏了一个星期，晚上上下楼看不清，老人容易摔倒。';

let host: RunningHost | undefined;
let session: Session | undefined;

afterEach(async () => {
  await session?.close();
  await host?.stop({ removeData: true });
  session = undefined;
  host = undefined;
});

async function pickPersona(page: Page, persona: Persona): Promise<void> {
  await visible(page, 'persona-picker').waitFor();
  await visible(page, `persona-${persona.openid}`).click();
  await visible(page, 'persona-picker')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
}

/** Taps the first option of a place level (社区/网格/楼栋) unless one is already chosen. */
async function chooseFirst(page: Page, level: 'community' | 'grid' | 'building'): Promise<void> {
  const pickers = visible(page, 'place-pickers');
  const options = pickers.locator(`[data-testid^="${level}-"]`);
  await options.first().waitFor();
  if ((await options.filter({ hasText: '✓' }).count()) === 0) await options.first().click();
}

test('居民上报诉求，在我的诉求里看到它，主机重启后仍在', async () => {
  host = await startHost();
  const personas = await listPersonas(host);
  const resident = personas.find((p) => p.roles.includes('resident'));
  expect(resident).toBeDefined();

  session = await openBrowser('resident-slice');
  const { page, screenshot } = session;

  await page.goto(`${host.url}/`);
  await pickPersona(page, resident!);
  await visible(page, 'page-home').waitFor();
  await screenshot('home');

  // 上报
  await visible(page, 'report-button').click();
  await visible(page, 'category-grid').waitFor();
  await screenshot('report-empty');
  const category = visible(page, 'category-grid').locator('[data-testid^="category-"]').first();
  const categoryName = (await category.innerText()).trim().split('\n').pop()!.trim();
  await category.click();
  await expect(visible(page, 'category-route').innerText()).resolves.toContain('处理');

  await chooseFirst(page, 'community');
  await chooseFirst(page, 'grid');
  await chooseFirst(page, 'building');
  await visible(page, 'place-summary').waitFor();

  await typeInto(page, 'description', DESCRIPTION);
  await expect(visible(page, 'description-count').innerText()).resolves.toBe(`${Array.from(DESCRIPTION).length}/500`);
  await screenshot('report-filled');

  await visible(page, 'submit-button').click();
  const confirmation = visible(page, 'confirmation');
  await confirmation.waitFor();
  const caseId = (await byTestId(confirmation, 'confirm-case-id').innerText()).trim();
  const statusName = (await byTestId(confirmation, 'confirm-status').innerText()).trim();
  expect(caseId).not.toBe('');
  expect(statusName).not.toBe('');
  expect((await byTestId(confirmation, 'confirm-holder').innerText()).trim()).not.toBe('');
  await screenshot('confirmation');

  // 我的诉求
  await byTestId(confirmation, 'confirm-my-cases').click();
  await visible(page, 'page-cases').waitFor();
  const card = visible(page, 'case-list').locator(`[data-case-id="${caseId}"]`);
  await card.waitFor();
  await expect(card.innerText()).resolves.toContain(categoryName);
  await expect(byTestId(card, 'status-tag').innerText()).resolves.toBe(statusName);
  await screenshot('my-cases');

  // 主机重启：同一个数据目录，诉求还在
  host = await host.restart();
  await page.goto(`${host.url}/#/pages/cases/index`);
  await settle(page);
  if (await visible(page, 'persona-picker').isVisible()) await pickPersona(page, resident!);
  const again = visible(page, 'case-list').locator(`[data-case-id="${caseId}"]`);
  await again.waitFor();
  await expect(byTestId(again, 'status-tag').innerText()).resolves.not.toBe('');
  await screenshot('my-cases-after-restart');

  expect(session.pageErrors).toEqual([]);
});

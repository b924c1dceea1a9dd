/**
 * 公示牌：党小组长在「公示牌信息」里同意公示全名、工作电话和服务承诺 → 公示牌马上显示全名和可拨打的电话
 * （H5 为 tel: 链接）→ 社区书记在「公示审核」通过服务承诺后才公示。
 */
import { typeInto, visible } from './support/browser';
import { apiAs, onOwnHost, openAs, tap, waitText } from './staff-support';

const GRID = 'sf-yuyuan-g1';
const LEADER = 'demo-11-party-leader';

test('成员同意公示全名和电话，公示牌可一键拨打；服务承诺审核后公示', () =>
  onOwnHost(async ({ host, open }) => {
    const adminApi = await apiAs(host, 'demo-admin-1');
    const members = await adminApi.call<{ items: { id: string; name: string; role: string }[] }>('admin', 'listMembers', {
      gridId: GRID,
    });
    const leader = members.items.find((m) => m.role === 'party_leader')!;
    const surname = `${Array.from(leader.name)[0]}**`;

    const visitor = await open('profile-board');
    const v = visitor.page;
    await v.goto(`${host.url}/#/pages-board/roster/index?gridId=${GRID}`);
    const row = visible(v, 'roster').locator('[data-testid="roster-member"][data-role="party_leader"]');
    await row.waitFor();
    await expect(row.locator('[data-testid="roster-name"]').innerText()).resolves.toBe(surname);
    await expect(row.locator('[data-testid="roster-phone"]').count()).resolves.toBe(0);

    const member = await open('profile-member');
    const m = member.page;
    await openAs(m, host, LEADER);
    await tap(visible(m, 'tab-work'));
    await tap(visible(m, 'entry-profile'));
    await visible(m, 'page-profile').waitFor();
    await waitText(m, 'profile-board', surname);
    // The row is a check box named 公示全名 (读屏), off until tapped.
    await m.getByRole('checkbox', { name: '公示全名', checked: false }).waitFor();
    await tap(visible(m, 'profile-full-name'));
    await m.getByRole('checkbox', { name: '公示全名', checked: true }).waitFor();
    await typeInto(m, 'profile-phone', '13900001234');
    await typeInto(m, 'profile-commitment', '有事找我，24小时内回复。');
    await member.screenshot('profile-form');
    await tap(visible(m, 'profile-save'));
    await waitText(m, 'profile-board', leader.name);
    await waitText(m, 'profile-commitment-state', '待社区审核');
    await member.screenshot('profile-saved');

    await v.reload();
    await row.waitFor();
    await expect(row.locator('[data-testid="roster-name"]').innerText()).resolves.toBe(leader.name);
    await expect(row.locator('[data-testid="roster-phone"]').getAttribute('href')).resolves.toBe('tel:13900001234');
    await expect(row.locator('[data-testid="roster-commitment"]').count()).resolves.toBe(0);

    // ——— 社区书记审核服务承诺 ———
    const admin = await open('profile-admin');
    const a = admin.page;
    await openAs(a, host, 'demo-admin-1');
    await tap(visible(a, 'tab-work'));
    await tap(visible(a, 'entry-profiles'));
    const pending = visible(a, 'page-profiles').locator(`[data-testid="profile-pending"][data-member-id="${leader.id}"]`);
    await pending.waitFor();
    await expect(pending.locator('[data-testid="profile-pending-commitment"]').innerText()).resolves.toContain('有事找我');
    await admin.screenshot('profiles-pending');
    await tap(pending.locator('[data-testid="profile-approve"]'));
    await pending.waitFor({ state: 'detached' });

    await v.reload();
    await row.waitFor();
    await expect(row.locator('[data-testid="roster-commitment"]').innerText()).resolves.toContain('有事找我，24小时内回复。');
    await visitor.screenshot('roster');
  }));

/**
 * 不知道网格也能上报（H5）：居民选「设施维修」看到例子和易混类别的区分；不给位置权限时页面说明原因、列表照常可用；
 * 给了位置（浏览器给 WGS-84，页面换成 GCJ-02）就列出最近的楼栋，点选后附近同类的公开诉求出现在「是否附议」里；
 * 离街道太远时不猜楼栋；提交过的地点成为「常用地点」；「不知道选哪个」交给网格员。
 * 社区管理员在「网格与人员」里给楼栋填坐标：填错有中文提示且不保存，填对后显示「已定位」。
 */
import { byTestId, typeInto, visible } from './support/browser';
import { apiAs, onOwnHost, openAs, submitCase, tap, waitText } from './staff-support';
import { demoBuildingPoint } from '../../backend/seed/demo-street';

// The package's inverse (GCJ-02 → WGS-84), to put the browser where a seeded building stands.
const { gcj02towgs84 } = require('coordtransform') as { gcj02towgs84: (lng: number, lat: number) => [number, number] };

/** Where the browser says it is (WGS-84) when standing `northMetres` north of a seeded building (GCJ-02). */
function standingNear(communityIx: number, gridIx: number, buildingIx: number, northMetres = 0) {
  const p = demoBuildingPoint(communityIx, gridIx, buildingIx);
  const [longitude, latitude] = gcj02towgs84(p.longitude, p.latitude + northMetres / 111_195);
  return { latitude, longitude, accuracy: 20 };
}

const XINGLONG_B1 = 'sf-xinglong-g1-b1';

test('用我的位置找到最近的楼栋，附近同类问题可附议；拒绝或太远时说明原因，列表照常可用', () =>
  onOwnHost(async ({ host, browse }) => {
    // A neighbour already reported a broken light in 兴隆社区 1栋 (public).
    const neighbour = await submitCase(await apiAs(host, 'demo-resident-2'), {
      buildingId: XINGLONG_B1,
      categoryId: 'cat-01',
      description: '1栋楼道灯坏了三天，晚上看不见',
    });

    const session = await browse('location-report');
    const { page, context, screenshot } = session;
    await openAs(page, host, 'demo-resident-1');
    await tap(visible(page, 'report-button'));
    await visible(page, 'category-grid').waitFor();

    // ——— categories explain themselves ———
    await tap(visible(page, 'category-cat-01'));
    await waitText(page, 'category-examples', '楼栋里的东西坏了');
    const compare = await visible(page, 'category-compare').innerText();
    expect(compare).toMatch(/公共设施：小区公共场地的设施/);
    expect(compare).toMatch(/物业服务：对物业公司的意见/);
    await tap(visible(page, 'category-unsure'));
    await waitText(page, 'category-route', '网格员');
    await waitText(page, 'category-examples', '不知道选哪个');
    await screenshot('category-unsure');
    await tap(visible(page, 'category-cat-01'));
    await waitText(page, 'category-route', '楼栋物管员');

    // ——— no permission: a clear message, the list still works ———
    // A person tapping 「禁止」 at the prompt: headless Chromium leaves the prompt unanswered, so the
    // browser's answer to a refusal (PERMISSION_DENIED) is given here, then the real API is restored.
    // Counts the asks: a second ask within the same tap would reach the real API (and hang).
    await page.evaluate(`(() => {
        const geo = navigator.geolocation;
        const real = geo.getCurrentPosition.bind(geo);
        window.asked = 0;
        geo.getCurrentPosition = (ok, err) => {
          window.asked += 1;
          geo.getCurrentPosition = (...args) => {
            window.asked += 1;
            real(...args);
          };
          err({ code: 1, message: 'User denied Geolocation', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 });
        };
      })()`);
    await tap(visible(page, 'use-my-location'));
    await waitText(page, 'locate-message', '没有获得位置权限');
    // One tap asks once.
    await expect(page.evaluate('window.asked')).resolves.toBe(1);
    await visible(page, 'place-pickers').waitFor();
    await screenshot('location-denied');

    // ——— far from the street: no guess ———
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: 39.9087, longitude: 116.3975, accuracy: 20 });
    await tap(visible(page, 'use-my-location'));
    await waitText(page, 'locate-message', /500米内没有本街道登记的楼栋（最近的是.+约\d+公里）/);
    await expect(byTestId(page, 'near-place').count()).resolves.toBe(0);
    await screenshot('location-far');

    // ——— 20 m from 兴隆社区 1栋: the nearest buildings, nearest first ———
    await context.setGeolocation(standingNear(1, 0, 1, 20));
    await tap(visible(page, 'use-my-location'));
    const first = visible(page, 'near-place');
    await first.waitFor();
    await expect(first.getAttribute('data-building-id')).resolves.toBe(XINGLONG_B1);
    await expect(first.innerText()).resolves.toMatch(/兴隆社区 · 第一网格 · 1栋\s*约20米/);
    await expect(byTestId(page, 'near-place').count()).resolves.toBeLessThanOrEqual(3);
    await screenshot('location-near');
    await tap(first);
    await waitText(page, 'place-summary', '兴隆社区 · 第一网格 · 1栋');

    // ——— the neighbour's open case is offered for 附议 ———
    const offer = visible(page, 'similar-offer');
    await offer.waitFor();
    await expect(offer.locator(`[data-case-id="${neighbour.caseId}"]`).count()).resolves.toBe(1);
    await screenshot('similar-offer');
    await tap(offer.locator(`[data-case-id="${neighbour.caseId}"] [data-testid="similar-support"]`));
    await waitText(page, 'support-done', '已附议');
    const supported = await (
      await apiAs(host, 'demo-resident-2')
    ).call<{ case: { supportCount: number } }>('resident', 'getCase', {
      caseId: neighbour.caseId,
    });
    expect(supported.case.supportCount).toBe(1);

    // ——— my case is different after all: report it from there ———
    await tap(visible(page, 'support-continue'));
    await typeInto(page, 'description', '1栋单元门门禁也坏了，关不上');
    await tap(visible(page, 'submit-button'));
    const caseId = (await visible(page, 'confirm-case-id').innerText()).trim();
    const mine = await (
      await apiAs(host, 'demo-resident-1')
    ).call<{ case: { place?: { buildingId?: string } } }>('resident', 'getCase', {
      caseId,
    });
    expect(mine.case.place?.buildingId).toBe(XINGLONG_B1);

    // ——— next time: 常用地点 ———
    await tap(visible(page, 'confirm-another'));
    await tap(visible(page, 'place-change'));
    const recent = visible(page, 'recent-place');
    await recent.waitFor();
    await expect(recent.innerText()).resolves.toContain('兴隆社区 · 第一网格 · 1栋');
    await screenshot('recent-places');
    expect(session.pageErrors).toEqual([]);
  }));

test('社区管理员给楼栋填坐标：填错说明原因且不保存，填对显示已定位', () =>
  onOwnHost(async ({ host, browse }) => {
    const session = await browse('location-admin');
    const { page, screenshot } = session;
    await openAs(page, host, 'demo-admin-1', '/pages-admin/org/index');
    const grid = page.locator('[data-testid="grid-card"][data-grid-id="sf-yuyuan-g1"]').filter({ visible: true });
    await grid.waitFor();
    const chip = grid.locator('[data-testid="grid-building"]', { hasText: '1栋' }).first();
    await expect(chip.innerText()).resolves.toContain('已定位');
    await tap(chip.locator('[data-testid="building-edit-location"]'));
    const editor = visible(page, 'building-location');
    await editor.waitFor();
    await editor.locator('[data-testid="building-lat"] input').fill('106.3');
    await editor.locator('[data-testid="building-lng"] input').fill('29.4');
    await tap(byTestId(editor, 'building-location-save'));
    await waitText(page, 'grid-error', '纬度和经度好像填反了');
    await screenshot('building-location-swapped');
    await editor.locator('[data-testid="building-lat"] input').fill('29.3999');
    await editor.locator('[data-testid="building-lng"] input').fill('106.3011');
    await tap(byTestId(editor, 'building-location-save'));
    await editor.waitFor({ state: 'detached' });
    const admin = await apiAs(host, 'demo-admin-1');
    const grids = await admin.call<{ items: { id: string; buildings: { id: string; latitude?: number; longitude?: number }[] }[] }>(
      'admin',
      'listGrids',
      { communityId: 'sf-yuyuan' },
    );
    const b1 = grids.items.find((g) => g.id === 'sf-yuyuan-g1')!.buildings.find((b) => b.id === 'sf-yuyuan-g1-b1')!;
    expect(b1).toMatchObject({ latitude: 29.3999, longitude: 106.3011 });
    await screenshot('building-location-saved');
  }));

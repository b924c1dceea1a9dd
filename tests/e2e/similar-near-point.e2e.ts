/**
 * 地图选点也能附议（H5，配置了腾讯地图 key）：邻居在路边选点报了路灯坏了；居民选好社区网格后「在地图上选位置」
 * （Taro 的 H5 选点页，腾讯选点组件以 postMessage 回传所选的点），写说明时「已有相同问题，是否附议？」列出邻居那件
 * （附近 · 距离，不显示原话）；点「附议」即附议成功，不重复上报。
 */
import { typeInto, visible } from './support/browser';
import { apiAs, onOwnHost, openAs, tap, waitText } from './staff-support';
import { demoBuildingPoint } from '../../backend/seed/demo-street';

const NEIGHBOUR_WORDS = '小区南门外路灯坏了，王大爷晚上摔了一跤';

/** 渝园社区 第一网格 1栋 (GCJ-02, as Tencent's picker answers), moved `north` and `east` metres. */
function near1(north: number, east: number) {
  const p = demoBuildingPoint(0, 0, 1);
  return {
    latitude: p.latitude + north / 111_195,
    longitude: p.longitude + east / (111_195 * Math.cos((p.latitude * Math.PI) / 180)),
  };
}

test('地图选点附近的同类公开诉求可附议，看不到邻居原话', () =>
  onOwnHost(async ({ host, browse }) => {
    const neighbour = await (
      await apiAs(host, 'demo-resident-3')
    ).call<{ caseId: string }>('resident', 'submitCase', {
      requestId: `e2e-near-point-${Date.now().toString(36)}`,
      categoryId: 'cat-01',
      gridId: 'sf-yuyuan-g1',
      location: { ...near1(-100, 40), address: '渝园小区南门外' },
      description: NEIGHBOUR_WORDS,
      isPublic: true,
    });

    const { page, screenshot } = await browse('similar-near-point');
    // A build served with a Tencent map key; the picker page itself is Tencent's, answered here.
    await page.addInitScript(() => {
      (globalThis as unknown as { LOCATION_APIKEY: string }).LOCATION_APIKEY = 'e2e-map-key';
    });
    await page.route('https://apis.map.qq.com/**', (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<html><body>腾讯地图选点</body></html>' }),
    );
    await openAs(page, host, 'demo-resident-1');
    await tap(visible(page, 'report-button'));
    await tap(visible(page, 'category-cat-01'));
    await tap(visible(page, 'community-sf-yuyuan'));
    await tap(visible(page, 'grid-sf-yuyuan-g1'));

    // ——— 「在地图上选位置」: the point picked 100 m south of 1栋 ———
    await tap(visible(page, 'pick-on-map'));
    await page.locator('.taro_choose_location_frame').waitFor({ state: 'attached' });
    const point = near1(-100, 0);
    await page.evaluate(
      (p) =>
        (globalThis as unknown as { postMessage: (message: unknown, origin: string) => void }).postMessage(
          { module: 'locationPicker', poiname: '南门', poiaddress: '江津区双福街道', latlng: { lat: p.latitude, lng: p.longitude } },
          '*',
        ),
      point,
    );
    // The message arrives as an event of its own; then 「完成」.
    await page.waitForTimeout(100);
    await page.locator('.taro_choose_location_submit').click();
    await waitText(page, 'place-summary', '南门 · 江津区双福街道');
    await waitText(page, 'place-summary', '地图选点');
    await typeInto(page, 'description', '南门外的路灯不亮');

    // ——— the neighbour's case is offered, 40 m away, without their words ———
    const offer = visible(page, 'similar-offer');
    await offer.waitFor();
    const item = offer.locator(`[data-case-id="${neighbour.caseId}"]`);
    await expect(item.count()).resolves.toBe(1);
    await expect(item.innerText()).resolves.toMatch(/附近（40米）/);
    await expect(offer.innerText()).resolves.not.toContain('王大爷');
    await offer.scrollIntoViewIfNeeded();
    await screenshot('similar-near-point');

    await tap(item.locator('[data-testid="similar-support"]'));
    await waitText(page, 'support-done', '已附议');
    const seconded = await (
      await apiAs(host, 'demo-resident-3')
    ).call<{ case: { supportCount: number } }>('resident', 'getCase', { caseId: neighbour.caseId });
    expect(seconded.case.supportCount).toBe(1);
    // Nothing was filed by the resident (their newest cases are the seeded history).
    const mine = await (await apiAs(host, 'demo-resident-1')).call<{ items: { description: string }[] }>('resident', 'listMyCases', {});
    expect(mine.items.map((c) => c.description)).not.toContain('南门外的路灯不亮');
  }));

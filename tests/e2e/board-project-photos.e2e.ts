/**
 * 民生微实事 photos on the 公示栏: a candidate's photo shows with the vote; once the round is over and
 * the project delivered, each stage shows its photos (served by the host to anyone, as the round
 * holds them) and the 已完成 photos stand beside what was promised. Thumbnails load lazily.
 */
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { SqliteStore } from '../../backend/store/sqlite-store';
import { PNG, apiAs, tap } from './staff-support';
import { openBrowser, visible, type Session } from './support/browser';
import { startHost, type RunningHost } from './support/host';

let host: RunningHost | undefined;
let session: Session | undefined;
afterEach(async () => {
  await session?.close();
  await host?.stop({ removeData: true });
});

const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

async function upload(h: RunningHost, token: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'p.png');
  const res = await fetch(`${h.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { data: { fileId: string } }).data.fileId;
}

/** Every `<img>` under the locator has loaded a real image. */
async function loaded(photos: Locator): Promise<number> {
  await photos.first().scrollIntoViewIfNeeded();
  const imgs = photos.locator('img');
  await imgs.first().waitFor();
  await photos
    .page()
    .waitForFunction(
      (els) =>
        els.every(
          (e) =>
            (e as unknown as { complete: boolean; naturalWidth: number }).complete &&
            (e as unknown as { naturalWidth: number }).naturalWidth > 0,
        ),
      await imgs.elementHandles(),
    );
  return imgs.count();
}

test('公示栏的民生微实事：候选项目照片、各阶段照片，完成照片与承诺并排', async () => {
  host = await startHost();
  let admin = await apiAs(host, 'demo-admin-1');
  const candidate = await upload(host, admin.token);
  const round = await admin.call<{ id: string; projects: { id: string; title: string }[] }>('community', 'voteRoundSave', {
    communityId: 'sf-yuyuan',
    title: '秋季民生微实事',
    opensOn: day(0),
    closesOn: day(0),
    votesPerPerson: 1,
    projects: [
      { title: '楼道加装扶手', description: '为1至4栋楼道加装不锈钢扶手', cost: 18000, provider: '社区服务中心', photos: [candidate] },
      { title: '小区充电棚', description: '在2栋旁建设电动车集中充电棚', cost: 45000, provider: '物业公司' },
    ],
  });
  // The round closed last week: moved back in the stored data while the host is down.
  await host.stop();
  const store = SqliteStore.open(join(host.dataDir, 'wuyuan.sqlite'));
  const stored = (await store.getRef('voteRounds', round.id))!;
  await store.putRef('voteRounds', { ...stored, opensOn: day(-10), closesOn: day(-7) });
  await store.close();
  host = await host.restart();

  admin = await apiAs(host, 'demo-admin-1');
  const project = round.projects.find((p) => p.title === '楼道加装扶手')!.id;
  const step = async (stage: string, photos: string[], note: string) =>
    admin.call('community', 'projectDelivery', { roundId: round.id, projectId: project, stage, on: day(-1), note, photos });
  await step('approved', [], '居民投票第一，立项');
  await step('in_progress', [await upload(host, admin.token)], '施工中');
  await step('done', [await upload(host, admin.token), await upload(host, admin.token)], '扶手已全部装好');

  session = await openBrowser('board-project-photos');
  const p = session.page;
  // The board needs no login: a passer-by sees the photos.
  await p.goto(`${host.url}/#/pages-board/index/index`);
  await tap(visible(p, 'open-projects'));
  await visible(p, 'page-board-projects').waitFor();
  const delivery = visible(p, 'page-board-projects').locator('[data-testid="project-delivery"]', { hasText: '楼道加装扶手' });
  await delivery.waitFor();
  await expect(loaded(delivery.locator('[data-testid="project-photos-in_progress"]'))).resolves.toBe(1);
  const compare = delivery.locator('[data-testid="project-compare"]');
  await expect(compare.innerText()).resolves.toMatch(/承诺[\s\S]*为1至4栋楼道加装不锈钢扶手[\s\S]*已完成[\s\S]*扶手已全部装好/);
  await expect(loaded(compare.locator('[data-testid="project-photos-done"]'))).resolves.toBe(2);
  await expect(loaded(compare.locator('[data-testid="project-promise-photos"]'))).resolves.toBe(1);
  // The candidate's photo with the vote, too; every thumbnail is lazily loaded.
  const votePhoto = visible(p, 'page-board-projects').locator('[data-testid="project-candidate-photos"]');
  await expect(loaded(votePhoto)).resolves.toBe(1);
  await session.screenshot('board-project-photos');
});

/**
 * 满意度测评 for staff and the board, and 民生微实事 photos on the board, in the weapp: the community
 * admin opens the quarter from 管理 → 满意度测评, sees a resident's answer counted, approves the
 * suggestion (masked); the 公示栏's 测评 page shows the figure over its responses and the masked
 * words only; taken back as 不公开 it asks a reason, shown to staff, and leaves the board; the 民生微实事 page shows each delivery stage's photos, the 已完成 ones beside the promise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, MiniProgram } from './harness/mini-program';
import { chinaToday, data, staffPhoto } from './harness/setup';
import { sqliteWorld, type World } from './harness/world';

const RESIDENT = 'demo-resident-1';
const ADMIN = 'demo-admin-1';

let world: World;
let mp: MiniProgram | undefined;

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 0 });
}, 60000);
afterEach(async () => {
  await mp?.close();
  mp = undefined;
});
afterAll(async () => {
  await world?.close();
});

const quarter = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

describe('满意度测评：管理与公示栏（小程序）', () => {
  it('社区开展本季度测评 → 居民作答 → 审核公开建议 → 公示栏显示人数与脱敏建议', async () => {
    mp = await MiniProgram.launch(world, ADMIN, 'pages-admin/survey/index');
    await mp.see('开展本季度测评');
    await mp.tap('开展本季度测评');
    await mp.see('进行中');
    const surveys = await world.store.listRef('surveys', { communityId: 'sf-yuyuan' });
    expect(surveys.map((s) => [s.quarter, s.opensOn])).toEqual([[quarter(chinaToday()), chinaToday()]]);
    expect(mp.findAll('开展本季度测评')).toHaveLength(0);

    data(
      await world.call(
        'resident',
        {
          action: 'answerSurvey',
          surveyId: surveys[0]!.id,
          ratings: { community: 'satisfied', group: 'unsatisfied' },
          texts: { suggestion: '希望小区多装路灯，联系13812345678' },
          gridId: 'sf-yuyuan-g1',
        },
        RESIDENT,
      ),
    );
    await mp.close();
    mp = await MiniProgram.launch(world, ADMIN, 'pages-admin/survey/index');
    await mp.see('1 人参与');
    await mp.tap('意见建议');
    await mp.see('希望小区多装路灯，联系13812345678');
    await mp.tap('按建议公开');
    await mp.see('没有待审核的意见建议');
    const [answer] = await world.store.listRef('surveyAnswers');
    expect(answer!.approved?.suggestion).toContain('多装路灯');
    expect(answer!.approved?.suggestion).not.toContain('13812345678');

    await mp.close();
    mp = await MiniProgram.launch(world, RESIDENT, 'pages-board/survey/index');
    await mp.see('满意率 · 1 人参与');
    await mp.see(/希望小区多装路灯/);
    expect(mp.text()).not.toContain('13812345678');
    expect(mp.text()).toContain('100.0%');

    // Taken back as 不公开: a reason is asked, kept for staff, and the board drops the words.
    await mp.close();
    const review = await MiniProgram.launch(world, ADMIN, 'pages-admin/survey/index');
    mp = review;
    await mp.tap('意见建议');
    await mp.tap(/^已公开/);
    await mp.tap('撤回，不公开');
    await mp.tap('确认不公开');
    await mp.see('请选择不公开的原因');
    expect((await world.store.listRef('surveyAnswers'))[0]!.approved?.suggestion).toContain('多装路灯');
    await mp.tap('含个人信息');
    await mp.tap('确认不公开');
    await mp.waitFor(() => !review.text().includes('确认不公开'), '已设为不公开');
    expect((await world.store.listRef('surveyAnswers'))[0]!.keptWhy).toEqual({ suggestion: { reason: 'personal_info' } });
    await mp.tap(/^不公开/);
    await mp.see('不公开原因：含个人信息');
    await mp.close();
    mp = await MiniProgram.launch(world, RESIDENT, 'pages-board/survey/index');
    await mp.see('满意率 · 1 人参与');
    expect(mp.text()).not.toContain('多装路灯');
    expect(mp.text()).not.toContain('含个人信息');
  });
});

describe('民生微实事照片（公示栏，小程序）', () => {
  it('各阶段照片显示，已完成的照片与承诺并排', async () => {
    const today = chinaToday();
    const round = data<{ id: string; projects: { id: string; title: string }[] }>(
      await world.call(
        'community',
        {
          action: 'voteRoundSave',
          communityId: 'sf-yuyuan',
          title: '照片公示测试',
          opensOn: today,
          closesOn: today,
          votesPerPerson: 1,
          projects: [
            { title: '楼道加装扶手', description: '为1至4栋楼道加装不锈钢扶手', cost: 18000, provider: '社区服务中心' },
            { title: '小区充电棚', description: '在2栋旁建设电动车集中充电棚', cost: 45000, provider: '物业公司' },
          ],
        },
        ADMIN,
      ),
    );
    const stored = (await world.store.getRef('voteRounds', round.id))!;
    const back = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    await world.store.putRef('voteRounds', { ...stored, opensOn: back(10), closesOn: back(7) });
    const projectId = round.projects.find((p) => p.title === '楼道加装扶手')!.id;
    const during = staffPhoto(world, ADMIN, 21);
    const after = staffPhoto(world, ADMIN, 22);
    for (const [stage, photos] of [
      ['approved', []],
      ['in_progress', [during]],
      ['done', [after]],
    ] as const)
      data(
        await world.call(
          'community',
          { action: 'projectDelivery', roundId: round.id, projectId, stage, on: back(1), photos: [...photos], note: `${stage}说明` },
          ADMIN,
        ),
      );

    mp = await MiniProgram.launch(world, RESIDENT, `pages-board/projects/index?communityId=sf-yuyuan`);
    await mp.see('承诺');
    await mp.see('done说明');
    // The framework's stub <image> keeps no properties; Taro's render tree holds them under the
    // short names base.wxml binds (`src="{{i.p6}}"`, `lazy-load="{{xs.b(i.p3,!1)}}"`).
    const images = imagesIn((mp as unknown as { page: { comp: { instance: { data: unknown } } } }).page.comp.instance.data);
    expect(images.map((i) => i.src)).toEqual([during, after]);
    expect(images.every((i) => i.lazyLoad)).toBe(true);
    expect(mp.select('[class*="project-photos__img"]')).toHaveLength(2);
  });
});

interface TaroNode {
  cl?: string;
  cn?: TaroNode[];
  root?: TaroNode;
  [short: string]: unknown;
}

/** The short names Image's `src` and `lazy-load` have in Taro's render tree, read from base.wxml's image template. */
function imageShortNames(): { src: string; lazyLoad: string } {
  const tag = /<image [^>]*>/.exec(readFileSync(join(DIST, 'base.wxml'), 'utf8'))?.[0] ?? '';
  const src = /\bsrc="\{\{i\.(p\d+)\}\}"/.exec(tag)?.[1];
  const lazyLoad = /\blazy-load="\{\{xs\.b\(i\.(p\d+),/.exec(tag)?.[1];
  if (!src || !lazyLoad) throw new Error(`base.wxml 的 image 模板里找不到 src / lazy-load：${tag}`);
  return { src, lazyLoad };
}

/** The project thumbnails in a page's Taro render tree, in order. */
function imagesIn(data: unknown): { src?: string; lazyLoad: boolean }[] {
  const out: { src?: string; lazyLoad: boolean }[] = [];
  const short = imageShortNames();
  const walk = (n: TaroNode | undefined) => {
    if (!n) return;
    if (n.cl?.includes('project-photos__img')) out.push({ src: n[short.src] as string | undefined, lazyLoad: n[short.lazyLoad] === true });
    n.cn?.forEach(walk);
  };
  walk((data as TaroNode).root);
  return out;
}

/**
 * The public text model (审核后公开) over the real handlers on SQLite: the board shows no one's
 * words until the community approves them; the admin's review (one tap, edited, kept private,
 * bulk); 「脱敏后自动公开」; and the privacy property — over a thousand variants of planted personal
 * data, approved as an admin would without editing, never found in any board response.
 */
import { applicablePairs, CLASSES, leaksIn, plantedVariants, type Variant } from '../support/planted-data';
import { BUILDING, makeEnv, P, REPAIR, type TestEnv } from '../support/env';

let env: TestEnv;
beforeAll(async () => {
  env = await makeEnv({ limits: { submissionsPerDay: 1000 } });
}, 30_000);
jest.setTimeout(30_000);
afterAll(async () => env.close());

let n = 0;
const submit = (description: string, isPublic = true) =>
  env.ok<{ caseId: string }>('resident', P.resident, 'submitCase', {
    requestId: `public-text-${++n}`,
    categoryId: REPAIR,
    buildingId: BUILDING,
    description,
    isPublic,
  });

interface BoardCase {
  case: {
    description?: string;
    descriptionState?: string;
    categoryName: string;
    statusName: string;
    placeName: string;
    result?: string;
    resultState?: string;
  };
  timeline: { action: string; note?: string; noteState?: string; actionName: string }[];
}
const boardCase = (caseId: string) => env.ok<BoardCase>('board', undefined, 'getCase', { caseId });

interface QueueItem {
  caseId: string;
  version: number;
  texts: { key: string; label: string; original: string; suggestion: string }[];
}
const queue = async (who: string = P.admin1) => (await env.ok<{ items: QueueItem[] }>('admin', who, 'reviewQueue', { limit: 20 })).items;
const count = async () => env.ok<{ texts: number; cases: number }>('admin', P.admin1, 'reviewCount', {});

describe('审核后公开', () => {
  it('审核前公示栏只显示类别、地点、状态和步骤，标注「内容审核中」；审核后才显示公开文字', async () => {
    const before = await count();
    const { caseId } = await submit('3栋2单元501门口的灯坏了，电话13812345678，我叫张三丰');
    await env.ok('member', P.steward11, 'acceptCase', { caseId });
    await env.ok('member', P.steward11, 'addProgress', { caseId, note: '已联系张三丰，明天上门' });
    await env.ok('resident', P.resident, 'supplementCase', { caseId, note: '家里老人身体不好，白天有人在' });

    const waiting = await boardCase(caseId);
    expect(waiting.case.description).toBeUndefined();
    expect(waiting.case.descriptionState).toBe('内容审核中');
    expect(waiting.case.categoryName).toBe('设施维修');
    expect(waiting.case.statusName).toBe('处理中');
    expect(waiting.case.placeName).toContain('渝园社区');
    expect(waiting.timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['submit', 'accept', 'progress', 'supplement']));
    for (const e of waiting.timeline.filter((x) => x.action === 'progress' || x.action === 'supplement')) {
      expect(e.note).toBeUndefined();
      expect(e.noteState).toBe('内容审核中');
    }
    expect(JSON.stringify(waiting)).not.toMatch(/灯坏了|张三丰|13812345678|老人/);
    expect(await count()).toEqual(expect.objectContaining({ texts: before.texts + 3, cases: before.cases + 1 }));

    // The review: the original beside the masked suggestion.
    const item = (await queue()).find((i) => i.caseId === caseId)!;
    expect(item.texts.map((t) => t.label)).toEqual(['诉求描述', '进展', '补充信息']);
    const desc = item.texts[0]!;
    expect(desc.original).toContain('13812345678');
    expect(desc.suggestion).toBe('3栋**门口的灯坏了，电话138****5678，我叫张**');
    const [, progress, supplement] = item.texts;

    // One tap; edited then approved; kept private with a reason — all in one decision.
    await env.ok('admin', P.admin1, 'reviewTexts', {
      caseId,
      version: item.version,
      decisions: [
        { key: desc.key, approve: true },
        { key: progress!.key, approve: true, text: '已约好上门维修时间' },
        { key: supplement!.key, approve: false, reason: '涉及家人健康' },
      ],
    });
    const after = await boardCase(caseId);
    expect(after.case.description).toBe(desc.suggestion);
    expect(after.case.descriptionState).toBeUndefined();
    expect(after.timeline.find((e) => e.action === 'progress')?.note).toBe('已约好上门维修时间');
    expect(after.timeline.find((e) => e.action === 'supplement')).toEqual(
      expect.objectContaining({ note: undefined, noteState: '内容不公开' }),
    );
    expect((await queue()).map((i) => i.caseId)).not.toContain(caseId);
    expect(await count()).toEqual(expect.objectContaining({ texts: before.texts, cases: before.cases }));

    // A new text brings it back to the list; the result is public only once approved.
    await env.ok('member', P.steward11, 'resolveCase', {
      caseId,
      result: '已更换灯泡，联系人张三丰已确认',
      photos: ['a1b2c3d4e5f6a7e1.jpg'],
    });
    const resolved = await boardCase(caseId);
    expect(resolved.case.result).toBeUndefined();
    expect(resolved.case.resultState).toBe('内容审核中');
    const again = (await queue()).find((i) => i.caseId === caseId)!;
    expect(again.texts.map((t) => t.label)).toEqual(['办结']);
    await env.ok('admin', P.admin1, 'approveTexts', { caseIds: [caseId] });
    expect((await boardCase(caseId)).case.result).toBe('已更换灯泡，联系人张**已确认');
  });

  it('每个错误输入都得到中文提示，且不改变任何东西', async () => {
    const { caseId } = await submit('楼道灯不亮，请修理');
    const stored = await env.store.getCase(caseId);
    const item = (await queue()).find((i) => i.caseId === caseId)!;
    const refuse = async (who: string, action: string, params: Record<string, unknown>, code: string) => {
      const r = await env.call('admin', who, action, params);
      expect(r.ok ? 'ok' : r.error.code).toBe(code);
      if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
    };
    await refuse(P.admin1, 'reviewTexts', { caseId, decisions: [{ key: 'description', approve: false, reason: '  ' }] }, 'INPUT.INVALID');
    await refuse(P.admin1, 'reviewTexts', { caseId, decisions: [{ key: 'description', approve: false }] }, 'INPUT.INVALID');
    await refuse(P.admin1, 'reviewTexts', { caseId, decisions: [{ key: 'description', approve: true, text: '   ' }] }, 'INPUT.INVALID');
    await refuse(P.admin1, 'reviewTexts', { caseId, decisions: [{ key: 'e999', approve: true }] }, 'CASE.NOT_FOUND');
    await refuse(P.admin1, 'reviewTexts', { caseId, decisions: [{ key: 'x;drop', approve: true }] }, 'INPUT.INVALID');
    await refuse(P.admin1, 'reviewTexts', { caseId, decisions: [] }, 'INPUT.INVALID');
    await refuse(
      P.admin1,
      'reviewTexts',
      {
        caseId,
        decisions: [
          { key: 'description', approve: true },
          { key: 'description', approve: false, reason: '重复' },
        ],
      },
      'INPUT.INVALID',
    );
    await refuse(
      P.admin1,
      'reviewTexts',
      { caseId, version: item.version + 5, decisions: [{ key: 'description', approve: true }] },
      'CASE.CONFLICT',
    );
    await refuse(P.admin2, 'reviewTexts', { caseId, decisions: [{ key: 'description', approve: true }] }, 'CASE.NOT_FOUND');
    await refuse(P.admin2, 'approveTexts', { caseIds: [caseId] }, 'CASE.NOT_FOUND');
    await refuse(P.resident, 'approveTexts', { caseIds: [caseId] }, 'AUTH.FORBIDDEN');
    await refuse(P.steward11, 'reviewQueue', {}, 'AUTH.FORBIDDEN');
    await refuse(P.admin2, 'setAutoPublish', { communityId: 'sf-yuyuan', on: true }, 'AUTH.FORBIDDEN');
    expect(await env.store.getCase(caseId)).toEqual(stored);
    expect((await env.store.getRef('communities', 'sf-yuyuan'))?.autoPublishTexts).toBeUndefined();
  });

  it('「脱敏后自动公开」默认关闭；打开后文字脱敏后直接公开，不进入审核列表', async () => {
    const { caseId: off } = await submit('默认关闭时电话13912345678');
    expect((await boardCase(off)).case.descriptionState).toBe('内容审核中');
    await env.ok('admin', P.admin1, 'setAutoPublish', { communityId: 'sf-yuyuan', on: true });
    const { caseId } = await submit('自动公开：电话13912345678，邻居王桂英家门口');
    const shown = await boardCase(caseId);
    expect(shown.case.description).toBe('自动公开：电话139****5678，邻居王**家门口');
    expect((await queue()).map((i) => i.caseId)).not.toContain(caseId);
    await env.ok('admin', P.admin1, 'setAutoPublish', { communityId: 'sf-yuyuan', on: false });
    const { caseId: offAgain } = await submit('关闭后又要审核了');
    expect((await boardCase(offAgain)).case.descriptionState).toBe('内容审核中');
  });

  it('不公开的诉求不进入审核列表', async () => {
    const { caseId } = await submit('私人诉求不公开', false);
    expect((await queue()).map((i) => i.caseId)).not.toContain(caseId);
  });
});

describe('性质：上千种改写的个人信息，按建议原样审核通过后，公示栏的任何响应里都找不到', () => {
  it('每一类 × 每一种写法，写在描述、补充、进展和办结结果里', async () => {
    const accounts = await env.store.listRef('accounts');
    const members = await env.store.listRef('members');
    const known = [...new Set([...accounts.map((a) => a.name), ...members.map((m) => m.name)])];
    const variants = plantedVariants(7001, 8, known);
    const pairs = applicablePairs();
    expect(new Set(variants.map((v) => v.cls)).size).toBe(CLASSES.length);
    expect(variants.length).toBeGreaterThanOrEqual(1000);

    // Five variants a text, four texts a case (description, supplement, progress, result).
    const texts: Variant[][] = [];
    for (let i = 0; i < variants.length; i += 5) texts.push(variants.slice(i, i + 5));
    const write = (vs: Variant[]) => `居民反映：${vs.map((v) => v.written).join('；')}。`;
    const caseIds: string[] = [];
    for (let i = 0; i < texts.length; i += 4) {
      const { caseId } = await submit(write(texts[i]!));
      caseIds.push(caseId);
      if (texts[i + 1]) await env.ok('resident', P.resident, 'supplementCase', { caseId, note: write(texts[i + 1]!) });
      await env.ok('member', P.steward11, 'acceptCase', { caseId });
      if (texts[i + 2]) await env.ok('member', P.steward11, 'addProgress', { caseId, note: write(texts[i + 2]!) });
      if (texts[i + 3])
        await env.ok('member', P.steward11, 'resolveCase', { caseId, result: write(texts[i + 3]!), photos: ['a1b2c3d4e5f6a7e2.jpg'] });
    }
    // Approved as an admin would, without editing: the bulk approval of the masked suggestions.
    for (let i = 0; i < caseIds.length; i += 50) await env.ok('admin', P.admin1, 'approveTexts', { caseIds: caseIds.slice(i, i + 50) });

    const responses: unknown[] = [];
    for (const params of [{}, { communityId: 'sf-yuyuan' }, { gridId: 'sf-yuyuan-g1' }, { period: 'quarter' }])
      responses.push(await env.ok('board', undefined, 'summary', params));
    responses.push(await env.ok('board', undefined, 'rankings', {}), await env.ok('board', undefined, 'rankings', { level: 'community' }));
    responses.push(await env.ok('board', undefined, 'gridRoster', { gridId: 'sf-yuyuan-g1' }));
    let cursor: string | undefined;
    do {
      const page = await env.ok<{ nextCursor?: string }>('board', undefined, 'listCases', { limit: 50, ...(cursor ? { cursor } : {}) });
      responses.push(page);
      cursor = page.nextCursor;
    } while (cursor);
    const details = [];
    for (const caseId of caseIds) details.push(await boardCase(caseId));
    responses.push(...details);

    // Not vacuous: the approved texts are on the board, words and all.
    // (the description on the case, every other text as its timeline line).
    const shown = details.flatMap((d) => [d.case.description, ...d.timeline.map((e) => e.note)]).filter((t) => t?.startsWith('居民反映'));
    expect(shown.length).toBe(texts.length);

    const leaks = leaksIn(responses, variants);
    console.log(
      `审核后公开性质测试：${variants.length} 个变体，${CLASSES.length} 类，${pairs.length} 种「类别 × 写法」组合，${caseIds.length} 件诉求，泄露 ${leaks.length} 个`,
    );
    expect(leaks.map((v) => `${v.cls}/${v.disguise}: ${v.written}`)).toEqual([]);
    // About 300 handler calls: 2–3 s alone, more while other suites share the cores.
  }, 120_000);
});

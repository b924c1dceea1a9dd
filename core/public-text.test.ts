import {
  approvedText,
  decideTexts,
  freeTexts,
  isReviewedNote,
  pendingTexts,
  textState,
  textsWaitingOf,
  trackNewTexts,
} from './public-text';
import { actorOf, cst, must, REPORTER, Story, WANG } from './test-support';

const at = cst('2026-11-23 09:00');
const later = cst('2026-11-23 10:00');
const ctx = { by: '社区管理员', at: later.toISOString(), names: ['周杰'] };

/** A story with a description, an acceptance, a progress note and a supplement. */
function story(): Story {
  return Story.submit({ at, description: '我是周杰，电话13812345678，楼道灯坏了' })
    .do(actorOf(WANG), { action: 'accept' }, at)
    .do(actorOf(WANG), { action: 'progress', note: '已联系周杰，明天上门' }, at)
    .do(REPORTER, { action: 'supplement', note: '白天家里有人' }, at);
}

describe('审核后公开：哪些文字要审核', () => {
  it('描述、进展、补充要审核；系统自己写的说明、受理、催办不需要', () => {
    const s = story();
    expect(freeTexts(s.case, s.events).map((t) => t.label)).toEqual(['诉求描述', '进展', '补充信息']);
    for (const e of s.events.filter((x) => ['auto_assign', 'accept'].includes(x.action))) expect(isReviewedNote(e)).toBe(false);
    const base = s.events[s.events.length - 1]!;
    expect(isReviewedNote({ ...base, action: 'remind', note: '催办' })).toBe(false);
    expect(isReviewedNote({ ...base, action: 'remind', note: '请快点，我电话13812345678' })).toBe(true);
    expect(isReviewedNote({ ...base, action: 'escalate', note: '吹哨至街道：超时', actor: { role: 'system', name: '系统' } })).toBe(false);
    expect(isReviewedNote({ ...base, action: 'ledger', note: '回访：双方和好' })).toBe(false);
  });

  it('新文字计入待审核；开启「脱敏后自动公开」时直接存为脱敏后的公开文字', () => {
    const s = story();
    const created = trackNewTexts(s.case, [], true);
    expect(created.textsPending).toBe(1);
    const tracked = trackNewTexts(created, s.events, false);
    expect(tracked.textsPending).toBe(3);
    expect(textsWaitingOf(tracked)).toBe(true);
    const auto = trackNewTexts(s.case, s.events, true, { names: ['周杰'], at: later.toISOString() });
    expect(auto.textsPending).toBe(0);
    expect(approvedText(auto, 'description')).toBe('我是周**，电话138****5678，楼道灯坏了');
    expect(pendingTexts(auto, s.events)).toEqual([]);
  });

  it('存量诉求没有计数：公开的一律视为有待审核的文字；不公开、已合并的不列入', () => {
    const s = story();
    expect(textsWaitingOf({ ...s.case, textsPending: undefined })).toBe(true);
    expect(textsWaitingOf({ ...s.case, textsPending: undefined, isPublic: false })).toBe(false);
    expect(textsWaitingOf({ ...s.case, textsPending: 2, status: 'merged' })).toBe(false);
  });
});

describe('审核后公开：审核决定', () => {
  it('按建议公开、修改后公开（仍再脱敏一次）、不公开并写明原因；计数随之重算，版本加一', () => {
    const s = story();
    const [desc, progress, supplement] = freeTexts(s.case, s.events);
    const next = must(
      decideTexts(
        s.case,
        s.events,
        [
          { key: desc!.key, decision: { approve: true } },
          { key: progress!.key, decision: { approve: true, text: '已约好时间，联系电话13912345678' } },
          { key: supplement!.key, decision: { approve: false, reason: '涉及家庭情况' } },
        ],
        ctx,
      ),
    );
    expect(next.version).toBe(s.case.version + 1);
    expect(next.textsPending).toBe(0);
    expect(approvedText(next, desc!.key)).toBe('我是周**，电话138****5678，楼道灯坏了');
    expect(approvedText(next, progress!.key)).toBe('已约好时间，联系电话139****5678');
    expect(textState(next, supplement!.key)).toBe('private');
    expect(next.publicTexts?.[supplement!.key]).toEqual({
      state: 'private',
      reason: '涉及家庭情况',
      by: '社区管理员',
      at: later.toISOString(),
    });
  });

  it('拒绝：不存在的内容、空的公开文字、空的原因', () => {
    const s = story();
    const refuse = (key: string, decision: Parameters<typeof decideTexts>[2][number]['decision']) => {
      const r = decideTexts(s.case, s.events, [{ key, decision }], ctx);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(refuse('e999', { approve: true })).toBe('CASE.NOT_FOUND');
    // The acceptance holds no one's words: nothing to review.
    expect(refuse(`e${s.events.find((e) => e.action === 'accept')!.seq}`, { approve: true })).toBe('CASE.NOT_FOUND');
    expect(refuse('description', { approve: true, text: '  ' })).toBe('INPUT.INVALID');
    expect(refuse('description', { approve: false, reason: ' ' })).toBe('CASE.REASON_REQUIRED');
  });
});

/**
 * The storage contract: what every `Store` adapter must do, run against each of them
 * (`sqlite-store.test.ts`, `cloud-store.test.ts`).
 */
import { CASE_CHANNELS, CASE_STATUSES, OPEN_STATUSES, SEVERITIES, type Case, type CaseStatus } from '../../core/model';
import { intakeChannelOf } from '../../core/intake';
import { textsWaitingOf } from '../../core/public-text';
import { TALLY_KEYS, addTally, emptyTally, isZeroTally, tallyCase, type CaseTally } from '../../core/metrics';
import type { Result } from '../../core/errors';
import type { CaseOrder, CaseQuery, InboxMessage, OutboxItem, Store } from '../../backend/store/store.port';
import { NO_DEADLINE, tallyRowId, tallyRowKeyOf } from '../../backend/store/cursor';
import { at, createChange, makeCase, makeEvent, makeNotice, updateOf } from '../support/case-factory';
import { nextCaseNumber } from '../../backend/services/case-numbers';

function expectOk<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

function expectFail<T>(r: Result<T>, code: string): void {
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
  }
}

type Filter = Omit<CaseQuery, 'cursor' | 'limit' | 'order'>;

/** What `listCases` must return, computed from the cases themselves. */
function oracle(cases: Case[], f: Filter, order: CaseOrder): Case[] {
  const matches = cases.filter(
    (c) =>
      (f.communityId === undefined || c.place.communityId === f.communityId) &&
      (f.streetId === undefined || c.place.streetId === f.streetId) &&
      (f.gridId === undefined || c.place.gridId === f.gridId) &&
      (f.buildingId === undefined || c.place.buildingId === f.buildingId) &&
      (f.holderOpenid === undefined || c.holder?.openid === f.holderOpenid) &&
      (f.reporterOpenid === undefined || c.reporter.openid === f.reporterOpenid) &&
      (f.departmentId === undefined || c.escalation?.departmentId === f.departmentId) &&
      (f.statuses === undefined || f.statuses.includes(c.status)) &&
      (f.categoryId === undefined || c.categoryId === f.categoryId) &&
      (f.severity === undefined || c.severity === f.severity) &&
      (f.overdueAt === undefined || (c.dueAt !== undefined && c.dueAt <= f.overdueAt)) &&
      (f.isPublic === undefined || c.isPublic === f.isPublic) &&
      (f.textsWaiting === undefined || textsWaitingOf(c)) &&
      (f.createdFrom === undefined || c.createdAt >= f.createdFrom) &&
      (f.createdTo === undefined || c.createdAt < f.createdTo) &&
      (f.caseNo === undefined || c.no === f.caseNo) &&
      (f.text === undefined || c.description.toLowerCase().includes(f.text.toLowerCase())) &&
      (f.reporterPhone === undefined || c.contactPhone === f.reporterPhone) &&
      (f.holderMemberId === undefined || c.holder?.memberId === f.holderMemberId) &&
      (f.channel === undefined || intakeChannelOf(c) === f.channel),
  );
  const key = (c: Case): string => (order === 'created_desc' ? c.createdAt : (c.dueAt ?? NO_DEADLINE));
  return matches.sort((a, b) => {
    const cmp = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return order === 'created_desc' ? -cmp : cmp;
  });
}

/** A varied set of cases: every status, two communities, ties in creation time and deadline. */
function variedCases(n: number): Case[] {
  return Array.from({ length: n }, (_, i) => {
    const communityId = i % 2 === 0 ? 'comm-1' : 'comm-2';
    const status = CASE_STATUSES[i % CASE_STATUSES.length];
    return makeCase({
      place: {
        streetId: i % 5 === 0 ? 'street-2' : 'street-1',
        communityId,
        gridId: `${communityId}-g${i % 3}`,
        buildingId: i % 7 === 0 ? undefined : `bld-${i % 3}`,
      },
      status,
      severity: SEVERITIES[i % 3],
      categoryId: `cat-${i % 4}`,
      isPublic: i % 3 !== 0,
      reporter: { openid: `res-${i % 5}`, role: 'resident', name: '居民' },
      ...(i % 4 === 0
        ? {}
        : { holder: { openid: `mem-${i % 3}`, role: 'building_steward' as const, name: '李四', memberId: `m-${i % 3}` } }),
      ...(i % 6 === 0
        ? { escalation: { level: 'department' as const, since: at(i), reason: '需部门协同', departmentId: `dept-${i % 2}` } }
        : {}),
      // Groups of three share a creation time; deadlines repeat too.
      createdAt: at(Math.floor(i / 3) * 60),
      ...(i % 5 === 0 ? {} : { dueAt: at(600 + ((i * 7) % 11) * 60) }),
      ...(i % 4 === 1 ? {} : { nextCheckAt: at(300 + ((i * 5) % 13) * 60) }),
      // Texts waiting for review: none, some, or unknown (stored before review existed).
      ...(i % 4 === 3 ? {} : { textsPending: i % 4 }),
      // Numbers (two streets share a number), words with LIKE / regexp metacharacters, phones.
      ...(i % 9 === 8 ? {} : { no: `2612-${String(Math.floor(i / 2) + 1).padStart(4, '0')}` }),
      description: ['楼道灯坏了', '垃圾 100%_清运 Lamp', '路灯不亮 (lamp.*)', '噪音扰民'][i % 4],
      ...(i % 3 === 1 ? { contactPhone: `1380000000${i % 4}` } : {}),
      // Channels: the resident's app report, a 代登记 by each channel, a patrol report without one.
      ...(i % 4 === 1
        ? { source: 'proxy' as const, origin: { channel: CASE_CHANNELS[i % CASE_CHANNELS.length]!, refId: `ref-${i}` } }
        : i % 4 === 2
          ? { source: 'patrol' as const }
          : {}),
    });
  });
}

async function seed(store: Store, cases: Case[]): Promise<void> {
  for (const c of cases) expectOk(await store.commit(createChange(c)));
}

async function readAllPages(store: Store, query: Omit<CaseQuery, 'cursor'>): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.listCases({ ...query, ...(cursor ? { cursor } : {}) });
    pages += 1;
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    if (page.nextCursor) expect(page.items.length).toBe(query.limit);
    ids.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor;
    if (pages > 500) throw new Error('paging does not end');
  } while (cursor);
  return { ids, pages };
}

function tallyMap(
  rows: { communityId: string; gridId: string; month: string; categoryId: string; tally: CaseTally }[],
): Record<string, CaseTally> {
  const out: Record<string, CaseTally> = {};
  for (const r of rows) {
    const id = tallyRowId(r);
    out[id] = addTally(out[id] ?? emptyTally(), r.tally);
  }
  for (const [k, v] of Object.entries(out)) if (isZeroTally(v)) delete out[k];
  return out;
}

function expectedTallies(cases: Case[]): Record<string, CaseTally> {
  return tallyMap(cases.map((c) => ({ ...tallyRowKeyOf(c), tally: tallyCase(c) })));
}

export function describeStoreContract(name: string, make: () => Promise<Store>): void {
  describe(`${name}: the store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('reference documents', () => {
      it('keeps a document whole and finds it again', async () => {
        const member = {
          id: 'm-1',
          name: '李四',
          role: 'building_steward' as const,
          streetId: 's',
          communityId: 'c1',
          gridId: 'g1',
          onDuty: true,
          active: true,
          phone: '13800000000',
        };
        await store.putRef('members', member);
        expect(await store.getRef('members', 'm-1')).toEqual(member);
        expect(await store.getRef('members', 'nobody')).toBeUndefined();
        await store.putRef('members', { ...member, onDuty: false });
        expect((await store.getRef('members', 'm-1'))?.onDuty).toBe(false);
        expect(await store.listRef('members')).toHaveLength(1);
      });

      it('filters a list on top-level fields (strings, booleans, numbers, arrays)', async () => {
        const grid = (id: string, communityId: string, households: number, active: boolean) => ({
          id,
          streetId: 's',
          communityId,
          name: id,
          households,
          active,
        });
        await store.putRef('grids', grid('g1', 'c1', 300, true));
        await store.putRef('grids', grid('g2', 'c1', 500, false));
        await store.putRef('grids', grid('g3', 'c2', 300, true));
        const ids = async (where?: object) => (await store.listRef('grids', where as never)).map((g) => g.id).sort();
        expect(await ids()).toEqual(['g1', 'g2', 'g3']);
        expect(await ids({ communityId: 'c1' })).toEqual(['g1', 'g2']);
        expect(await ids({ communityId: 'c1', active: true })).toEqual(['g1']);
        expect(await ids({ active: false })).toEqual(['g2']);
        expect(await ids({ households: 300 })).toEqual(['g1', 'g3']);
        expect(await ids({ communityId: 'c9' })).toEqual([]);
        expect(await ids({ communityId: undefined })).toEqual(['g1', 'g2', 'g3']);
        await store.putRef('accounts', {
          id: 'o1',
          openid: 'o1',
          name: '张三',
          roles: [{ role: 'community_admin', communityId: 'c1' }],
          createdAt: at(0),
        });
        await store.putRef('accounts', { id: 'o2', openid: 'o2', name: '李四', roles: [], createdAt: at(0) });
        expect((await store.listRef('accounts', { roles: [] })).map((a) => a.id)).toEqual(['o2']);
        // Kinds are separate collections.
        expect(await store.listRef('communities')).toEqual([]);
      });

      it('keeps fields the schema does not know yet', async () => {
        await store.putRef('settings', { id: 'board', value: { showRanking: true } });
        expect(await store.getRef('settings', 'board')).toEqual({ id: 'board', value: { showRanking: true } });
        const street = { id: 's1', name: '双福街道', motto: '我为群众办实事' };
        await store.putRef('streets', street);
        expect(await store.getRef('streets', 's1')).toEqual(street);
      });

      it('keeps a community’s own roles per category, and reads a community without them', async () => {
        const plain = { id: 'c1', streetId: 's', name: '渝园社区', kind: 'city' as const, policyId: 'three-day', active: true };
        await store.putRef('communities', plain);
        expect(await store.getRef('communities', 'c1')).toEqual(plain);
        const own = { ...plain, categoryRoles: { 'cat-01': 'owners_committee' as const, 'cat-04': 'party_leader' as const } };
        await store.putRef('communities', own);
        expect(await store.getRef('communities', 'c1')).toEqual(own);
        expect(await store.listRef('communities', { active: true })).toEqual([own]);
        // Cleared again: the field is gone, not left empty.
        await store.putRef('communities', plain);
        expect(await store.getRef('communities', 'c1')).toEqual(plain);
        await expect(store.putRef('communities', { ...plain, categoryRoles: { 'cat-01': 'mayor' } } as never)).rejects.toThrow(
          /记录格式不正确/,
        );
        expect(await store.getRef('communities', 'c1')).toEqual(plain);
      });

      it('keeps where a holiday day came from (an imported notice or by hand), and reads older days without it', async () => {
        const old = { id: '2026-10-09', date: '2026-10-09', workday: true, note: '国庆调休上班' };
        const imported = { id: '2027-02-08', date: '2027-02-08', workday: false, note: '春节', source: 'notice' as const };
        await store.putRef('holidays', old);
        await store.putRef('holidays', imported);
        expect(await store.getRef('holidays', old.id)).toEqual(old);
        expect(await store.listRef('holidays', { source: 'notice' })).toEqual([imported]);
        // An import that is corrected later overwrites the day whole.
        const reset = { ...imported, workday: true, note: '', source: 'notice' as const };
        await store.putRef('holidays', reset);
        expect(await store.getRef('holidays', imported.id)).toEqual(reset);
        await expect(store.putRef('holidays', { ...old, source: 'guess' } as never)).rejects.toThrow(/记录格式不正确/);
        expect(await store.getRef('holidays', old.id)).toEqual(old);
      });

      it('keeps 整改任务: listed by quarter and kind of unit, closed with the report, a bad one refused', async () => {
        const task = {
          id: '2026-Q4_grid_g1',
          period: '2026-Q4',
          unitKind: 'grid' as const,
          unitId: 'g1',
          unitName: '渝园社区 第一网格',
          streetId: 's1',
          communityId: 'c1',
          rate: 0.5,
          rated: 6,
          reason: '2026-Q4 满意率 50.0%（已评价 6 件），低于80%，回炉整改',
          status: 'open' as const,
          openedAt: at(0),
          openedBy: 'system',
          dueAt: at(30 * 24),
        };
        const other = { ...task, id: '2026-Q4_category_cat-01', unitKind: 'category' as const, unitId: 'cat-01', communityId: undefined };
        delete (other as { communityId?: string }).communityId;
        await store.putRef('rectifications', task);
        await store.putRef('rectifications', other);
        expect(await store.listRef('rectifications', { period: '2026-Q4', unitKind: 'grid' })).toEqual([task]);
        expect(await store.listRef('rectifications', { streetId: 's1' })).toHaveLength(2);
        expect(await store.listRef('rectifications', { communityId: 'c1' })).toEqual([task]);
        const closed = { ...task, status: 'closed' as const, report: { text: '整改报告', by: 'a1', at: at(48) } };
        await store.putRef('rectifications', closed);
        expect(await store.getRef('rectifications', task.id)).toEqual(closed);
        await expect(store.putRef('rectifications', { ...task, period: '2026-11' })).rejects.toThrow(/记录格式不正确/);
        expect(await store.getRef('rectifications', task.id)).toEqual(closed);
      });

      it('keeps the 走访关爱 register and its visits, filtered by member, grid and person', async () => {
        const subject = (id: string, gridId: string, memberId: string) => ({
          id,
          streetId: 's',
          communityId: 'c1',
          gridId,
          name: id,
          groups: ['martyr_family' as const, 'low_income' as const],
          address: '1栋',
          memberId,
          active: true,
          createdAt: at(0),
        });
        await store.putRef('careSubjects', subject('p1', 'g1', 'm1'));
        await store.putRef('careSubjects', { ...subject('p2', 'g1', 'm2'), phone: '13800000000', lastVisitOn: '2026-11-20' });
        await store.putRef('careSubjects', subject('p3', 'g2', 'm1'));
        const ids = async (where: object) => (await store.listRef('careSubjects', where as never)).map((x) => x.id).sort();
        expect(await ids({ memberId: 'm1' })).toEqual(['p1', 'p3']);
        expect(await ids({ gridId: 'g1' })).toEqual(['p1', 'p2']);
        expect((await store.getRef('careSubjects', 'p2'))?.lastVisitOn).toBe('2026-11-20');
        const visit = {
          id: 'v1',
          subjectId: 'p1',
          streetId: 's',
          communityId: 'c1',
          gridId: 'g1',
          memberId: 'm1',
          visitorOpenid: 'o1',
          visitorName: '张三',
          visitedOn: '2026-11-21',
          found: '身体还好',
          needs: [{ text: '修水管', caseId: 'C1' }, { text: '助餐' }],
          photos: [],
          createdAt: at(1),
        };
        await store.putRef('careVisits', visit);
        await store.putRef('careVisits', { ...visit, id: 'v2', subjectId: 'p2', needs: [] });
        expect(await store.listRef('careVisits', { subjectId: 'p1' })).toEqual([visit]);
        expect((await store.listRef('careVisits', { communityId: 'c1' })).map((v) => v.id)).toEqual(['v1', 'v2']);
        await expect(store.putRef('careSubjects', { ...subject('p4', 'g1', 'm1'), groups: ['mayor'] } as never)).rejects.toThrow(
          /记录格式不正确/,
        );
        await expect(store.putRef('careVisits', { ...visit, id: 'v3', visitedOn: '21/11/2026' })).rejects.toThrow(/记录格式不正确/);
        expect(await store.getRef('careSubjects', 'p4')).toBeUndefined();
      });

      it('refuses to write a document that does not fit its kind', async () => {
        await expect(store.putRef('grids', { id: 'g1', name: 'x' } as never)).rejects.toThrow(/记录格式不正确/);
        expect(await store.getRef('grids', 'g1')).toBeUndefined();
      });

      const ballot = (projectIds: string[], at0 = at(0)) => ({
        id: 'R1_o1',
        roundId: 'R1',
        communityId: 'c1',
        openid: 'o1',
        projectIds,
        gridId: 'g1',
        at: at0,
      });

      it('creates a document only when its id is free, and never replaces it', async () => {
        expect(await store.createRef('ballots', ballot(['p1']))).toBe(true);
        expect(await store.createRef('ballots', ballot(['p2'], at(1)))).toBe(false);
        expect(await store.getRef('ballots', 'R1_o1')).toEqual(ballot(['p1']));
        expect(await store.createRef('ballots', { ...ballot(['p2']), id: 'R1_o2', openid: 'o2' })).toBe(true);
        expect((await store.listRef('ballots', { roundId: 'R1' })).map((b) => b.openid)).toEqual(['o1', 'o2']);
        await expect(store.createRef('ballots', { ...ballot(['p1']), id: 'R1_o3', at: 'yesterday' })).rejects.toThrow(/记录格式不正确/);
        expect(await store.getRef('ballots', 'R1_o3')).toBeUndefined();
      });

      it('lets exactly one of 50 concurrent creates of one id stand', async () => {
        const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.createRef('ballots', ballot([`p${i}`], at(i)))));
        expect(results.filter((r) => r)).toHaveLength(1);
        const winner = results.indexOf(true);
        expect(await store.getRef('ballots', 'R1_o1')).toEqual(ballot([`p${winner}`], at(winner)));
        expect(await store.listRef('ballots')).toHaveLength(1);
      });
    });

    describe('cases and timelines', () => {
      it('creates a case with its timeline and reads both back', async () => {
        const c = makeCase({
          lastSeq: 2,
          status: 'assigned',
          holder: { openid: 'mem-1', role: 'building_steward', name: '李四', memberId: 'm-1' },
        });
        const r = await store.commit(createChange(c, { requestKey: 'res-1:req-1' }));
        expectOk(r);
        expect(await store.getCase(c.id)).toEqual(c);
        expect(await store.getCase('missing')).toBeUndefined();
        const timeline = await store.getTimeline(c.id);
        expect(timeline.map((e) => e.seq)).toEqual([1, 2]);
        expect(timeline[0]).toEqual(makeEvent(c, 1));
        expect(await store.getTimeline('missing')).toEqual([]);
        expect(await store.findCaseIdByRequest('res-1:req-1')).toBe(c.id);
        expect(await store.findCaseIdByRequest('res-1:other')).toBeUndefined();
      });

      it('updates a case (compare-and-set) and appends to its timeline', async () => {
        const c = makeCase();
        expectOk(await store.commit(createChange(c)));
        const { next, change } = updateOf(c, {
          status: 'assigned',
          holder: { openid: 'mem-1', role: 'building_steward', name: '李四', memberId: 'm-1' },
        });
        expectOk(await store.commit(change));
        expect(await store.getCase(c.id)).toEqual(next);
        const { next: third, change: change2 } = updateOf(next, { status: 'processing', acceptedAt: at(100) });
        expectOk(await store.commit(change2));
        expect((await store.getCase(c.id))?.version).toBe(3);
        expect((await store.getTimeline(c.id)).map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(third.lastSeq).toBe(3);
        // An optional field that is removed stays removed.
        const { holder: _dropped, ...withoutHolder } = third;
        const { change: change3 } = updateOf(withoutHolder as Case, { status: 'pending' });
        expectOk(await store.commit(change3));
        expect((await store.getCase(c.id))?.holder).toBeUndefined();
      });

      it('finds the first case again for a repeated request key, and writes nothing of the repeat', async () => {
        const first = makeCase();
        expectOk(await store.commit(createChange(first, { requestKey: 'res-1:r1', notices: [makeNotice(first, 1, 'mem-1')] })));
        const repeat = makeCase();
        const r = await store.commit(createChange(repeat, { requestKey: 'res-1:r1', notices: [makeNotice(repeat, 1, 'mem-1')] }));
        expectFail(r, 'CASE.CONFLICT');
        if (!r.ok) expect(r.error.details).toMatchObject({ caseId: first.id });
        expect(await store.findCaseIdByRequest('res-1:r1')).toBe(first.id);
        expect(await store.getCase(repeat.id)).toBeUndefined();
        expect(await store.getTimeline(repeat.id)).toEqual([]);
        expect((await store.listOutbox()).map((i) => i.notice.caseId)).toEqual([first.id]);
        expect(await store.countCases({})).toBe(1);
        expect(tallyMap(await store.readTallies({ fromMonth: '2000-01', toMonth: '2999-12' }))).toEqual(expectedTallies([first]));
      });

      it('refuses a second case with the same id', async () => {
        const c = makeCase();
        expectOk(await store.commit(createChange(c)));
        expectFail(await store.commit(createChange({ ...c, description: '另一件事' })), 'CASE.CONFLICT');
        expect((await store.getCase(c.id))?.description).toBe(c.description);
      });

      it('lets exactly one of two updates from the same version win; nothing of the loser is written', async () => {
        const c = makeCase();
        expectOk(await store.commit(createChange(c)));
        const a = updateOf(
          c,
          { status: 'assigned', holder: { openid: 'mem-a', role: 'building_steward', name: '甲', memberId: 'm-a' } },
          { note: 'A', notices: (n) => [makeNotice(n, n.lastSeq, 'mem-a')] },
        );
        const b = updateOf(
          c,
          { status: 'rejected', rejectReason: '不属于受理范围' },
          { note: 'B', notices: (n) => [makeNotice(n, n.lastSeq, 'res-1', 'case_closed')] },
        );
        const results = await Promise.all([store.commit(a.change), store.commit(b.change)]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        const loser = results.find((r) => !r.ok);
        expect(loser).toBeDefined();
        if (loser) expectFail(loser, 'CASE.CONFLICT');
        const winner = results[0].ok ? a : b;
        expect(await store.getCase(c.id)).toEqual(winner.next);
        const timeline = await store.getTimeline(c.id);
        expect(timeline.map((e) => e.note)).toEqual([undefined, winner === a ? 'A' : 'B']);
        expect((await store.listOutbox()).map((i) => i.notice.key)).toEqual(winner.change.notices.map((n) => n.key));
        expect(tallyMap(await store.readTallies({ fromMonth: '2000-01', toMonth: '2999-12' }))).toEqual(expectedTallies([winner.next]));
        // A later update from the stale version fails too.
        expectFail(await store.commit((winner === a ? b : a).change), 'CASE.CONFLICT');
      });

      it('rolls back every part of a change when one update conflicts', async () => {
        const c = makeCase();
        expectOk(await store.commit(createChange(c)));
        const fresh = makeCase();
        const stale = updateOf({ ...c, version: 7 }, { status: 'assigned' });
        const change = {
          creates: [{ case: fresh, requestKey: 'res-1:rb' }],
          updates: stale.change.updates,
          events: [makeEvent(fresh, 1), ...stale.change.events],
          notices: [makeNotice(fresh, 1, 'mem-1')],
        };
        expectFail(await store.commit(change), 'CASE.CONFLICT');
        expect(await store.getCase(fresh.id)).toBeUndefined();
        expect(await store.findCaseIdByRequest('res-1:rb')).toBeUndefined();
        expect(await store.listOutbox()).toEqual([]);
        expect(await store.getCase(c.id)).toEqual(c);
      });

      it('refuses changes that break the version or timeline rules, writing nothing', async () => {
        const c = makeCase();
        expectOk(await store.commit(createChange(c)));
        const { next, change } = updateOf(c, { status: 'assigned' });
        // Version must grow by exactly one.
        expectFail(await store.commit({ ...change, updates: [{ expectedVersion: 1, case: { ...next, version: 3 } }] }), 'INTERNAL');
        // Events continue the timeline without gaps …
        expectFail(
          await store.commit({ ...change, events: [makeEvent(next, 3)], updates: [{ expectedVersion: 1, case: { ...next, lastSeq: 3 } }] }),
          'INTERNAL',
        );
        // … and never rewrite it.
        expectFail(
          await store.commit({ ...change, events: [makeEvent(next, 1)], updates: [{ expectedVersion: 1, case: { ...next, lastSeq: 1 } }] }),
          'INTERNAL',
        );
        // lastSeq follows the events.
        expectFail(await store.commit({ ...change, events: [] }), 'INTERNAL');
        // Events belong to a case written by the same change.
        expectFail(await store.commit({ creates: [], updates: [], events: [makeEvent(c, 2)], notices: [] }), 'INTERNAL');
        // A case that does not exist cannot be updated.
        const ghost = updateOf(makeCase(), { status: 'assigned' });
        expectFail(await store.commit(ghost.change), 'CASE.NOT_FOUND');
        // A malformed case is refused before anything is written.
        expectFail(await store.commit(createChange({ ...makeCase(), status: 'lost' as CaseStatus })), 'INTERNAL');
        expect(await store.getCase(c.id)).toEqual(c);
        expect(await store.getTimeline(c.id)).toHaveLength(1);
        expect(await store.countCases({})).toBe(1);
      });

      it('counts what a reporter filed since a time', async () => {
        await seed(store, [
          makeCase({ reporter: { openid: 'r1', role: 'resident', name: '甲' }, createdAt: at(0) }),
          makeCase({ reporter: { openid: 'r1', role: 'resident', name: '甲' }, createdAt: at(10) }),
          makeCase({ reporter: { openid: 'r1', role: 'resident', name: '甲' }, createdAt: at(20) }),
          makeCase({ reporter: { openid: 'r2', role: 'resident', name: '乙' }, createdAt: at(20) }),
        ]);
        expect(await store.countCasesByReporterSince('r1', at(10))).toBe(2);
        expect(await store.countCasesByReporterSince('r1', at(21))).toBe(0);
        expect(await store.countCasesByReporterSince('r3', at(0))).toBe(0);
        // With a cap (the daily limit), the answer stops there.
        expect(await store.countCasesByReporterSince('r1', at(0), 2)).toBe(2);
        expect(await store.countCasesByReporterSince('r1', at(0), 5)).toBe(3);
        expect(await store.countCasesByReporterSince('r1', at(0), 0)).toBe(0);
      });

      it('reads a timeline longer than one page of the database', async () => {
        const c = makeCase({ lastSeq: 130 });
        expectOk(await store.commit(createChange(c)));
        expect((await store.getTimeline(c.id)).map((e) => e.seq)).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
      });
    });

    describe('case lists', () => {
      const cases = variedCases(54);
      const queries: [string, Filter][] = [
        ['everything', {}],
        ['a community', { communityId: 'comm-1' }],
        ['a street', { streetId: 'street-2' }],
        ['a grid', { gridId: 'comm-2-g1' }],
        ['a building', { buildingId: 'bld-2' }],
        ['a holder (member tasks)', { holderOpenid: 'mem-1' }],
        ['a holder, open tasks', { holderOpenid: 'mem-1', statuses: [...OPEN_STATUSES] }],
        ['a reporter (my cases)', { reporterOpenid: 'res-2' }],
        ['a reporter, one status', { reporterOpenid: 'res-2', statuses: ['closed'] }],
        ['a department', { departmentId: 'dept-0' }],
        ['one status', { statuses: ['processing'] }],
        ['open statuses', { statuses: [...OPEN_STATUSES] }],
        ['repeated statuses', { statuses: ['closed', 'closed', 'resolved'] }],
        ['no statuses at all', { statuses: [] }],
        ['a category', { categoryId: 'cat-1' }],
        ['a severity', { severity: 'major' }],
        ['overdue', { overdueAt: at(600 + 5 * 60) }],
        ['public (board)', { isPublic: true }],
        ['not public', { isPublic: false }],
        ['created in a window', { createdFrom: at(120), createdTo: at(600) }],
        ['community, open', { communityId: 'comm-2', statuses: [...OPEN_STATUSES] }],
        ['community board', { communityId: 'comm-1', isPublic: true }],
        ['board, some statuses', { isPublic: true, statuses: ['processing', 'resolved', 'closed'] }],
        ['community overdue, open', { communityId: 'comm-1', statuses: [...OPEN_STATUSES], overdueAt: at(1000) }],
        ['grid, category and severity', { gridId: 'comm-1-g0', categoryId: 'cat-0', severity: 'simple' }],
        ['nothing matches', { communityId: 'comm-404' }],
        ['texts waiting for review', { textsWaiting: true }],
        ['a case number', { caseNo: '2612-0003' }],
        [
          'a case number in one street, in its month',
          { caseNo: '2612-0003', streetId: 'street-1', createdFrom: at(0), createdTo: at(9999) },
        ],
        ['a number nobody has', { caseNo: '2612-0999' }],
        ['words of the description', { communityId: 'comm-1', text: '路灯' }],
        ['words in any case', { text: 'LAMP' }],
        ['words with LIKE metacharacters', { text: '100%_' }],
        ['words with regexp metacharacters', { text: '(lamp.*)' }],
        ['a % that is only a percent sign', { text: '%' }],
        ['a reporter phone', { communityId: 'comm-2', reporterPhone: '13800000002' }],
        ['a handler (member id), open', { holderMemberId: 'm-1', statuses: [...OPEN_STATUSES] }],
        ['a community, a handler and words', { communityId: 'comm-1', holderMemberId: 'm-0', text: '灯' }],
        ["a community's texts waiting for review", { communityId: 'comm-2', textsWaiting: true }],
        ['the channel: the resident app', { channel: 'app' }],
        ['the channel: 12345', { channel: 'hotline' }],
        ['the channel: a patrol report', { channel: 'patrol' }],
        ['a community and a channel, open', { communityId: 'comm-2', channel: 'walk_in', statuses: [...OPEN_STATUSES] }],
        ['a channel nobody used', { channel: 'meeting', communityId: 'comm-404' }],
      ];

      beforeEach(async () => {
        await seed(store, cases);
      });

      it.each(queries)('%s: pages in both orders without gaps or repeats, and counts alike', async (_label, filter) => {
        for (const order of ['created_desc', 'deadline_asc'] as const) {
          const expected = oracle(cases, filter, order).map((c) => c.id);
          for (const limit of [4, 50]) {
            const { ids, pages } = await readAllPages(store, { ...filter, order, limit });
            expect(ids).toEqual(expected);
            expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
          }
        }
        expect(await store.countCases(filter)).toBe(oracle(cases, filter, 'created_desc').length);
      });

      it('a review leaves the review list and keeps its decisions; a new text brings the case back', async () => {
        const waiting = cases.find((c) => textsWaitingOf(c) && c.textsPending === 2)!;
        const reviewed: Case = {
          ...waiting,
          version: waiting.version + 1,
          textsPending: 0,
          publicTexts: {
            description: { state: 'approved', text: '3栋**漏水', by: '社区管理员', at: at(5) },
            e2: { state: 'private', reason: '涉及家庭隐私', by: '社区管理员', at: at(5) },
          },
        };
        expectOk(
          await store.commit({ creates: [], updates: [{ expectedVersion: waiting.version, case: reviewed }], events: [], notices: [] }),
        );
        const list = async () => (await readAllPages(store, { textsWaiting: true, limit: 50 })).ids;
        expect(await list()).not.toContain(waiting.id);
        expect(await store.countCases({ textsWaiting: true })).toBe(oracle(cases, { textsWaiting: true }, 'created_desc').length - 1);
        expect((await store.getCase(waiting.id))?.publicTexts).toEqual(reviewed.publicTexts);
        const again: Case = { ...reviewed, version: reviewed.version + 1, textsPending: 1 };
        expectOk(
          await store.commit({ creates: [], updates: [{ expectedVersion: reviewed.version, case: again }], events: [], notices: [] }),
        );
        expect(await list()).toContain(waiting.id);
      });

      it('orders newest first by default and returns whole cases', async () => {
        const page = await store.listCases({ limit: 3 });
        expect(page.items).toEqual(oracle(cases, {}, 'created_desc').slice(0, 3));
        expect(page.nextCursor).toEqual(expect.any(String));
      });

      it('keeps its place when cases are added between pages', async () => {
        const first = await store.listCases({ communityId: 'comm-1', limit: 5 });
        const newer = makeCase({ place: { communityId: 'comm-1' }, createdAt: at(100_000) });
        expectOk(await store.commit(createChange(newer)));
        const second = await store.listCases({ communityId: 'comm-1', limit: 5, cursor: first.nextCursor });
        const expected = oracle(cases, { communityId: 'comm-1' }, 'created_desc').map((c) => c.id);
        expect(second.items.map((c) => c.id)).toEqual(expected.slice(5, 10));
      });

      it('refuses a cursor that is not its own or belongs to the other order', async () => {
        const first = await store.listCases({ limit: 2 });
        await expect(store.listCases({ limit: 2, cursor: 'not-a-cursor' })).rejects.toThrow(/分页/);
        await expect(store.listCases({ limit: 2, order: 'deadline_asc', cursor: first.nextCursor })).rejects.toThrow(/分页/);
      });

      it('serves pages larger than one read of the database', async () => {
        const more = Array.from({ length: 80 }, (_, i) => makeCase({ place: { communityId: 'comm-big' }, createdAt: at(5000 + i) }));
        await seed(store, more);
        const page = await store.listCases({ limit: 110 });
        expect(page.items).toHaveLength(110);
        expect(page.items.map((c) => c.id)).toEqual(
          oracle([...cases, ...more], {}, 'created_desc')
            .slice(0, 110)
            .map((c) => c.id),
        );
        const rest = await store.listCases({ limit: 110, cursor: page.nextCursor });
        expect(rest.items).toHaveLength(cases.length + more.length - 110);
        expect(rest.nextCursor).toBeUndefined();
      });

      it('lists the cases whose clock must be looked at, soonest first', async () => {
        const now = at(300 + 6 * 60);
        const due = cases
          .filter((c) => c.nextCheckAt !== undefined && c.nextCheckAt <= now)
          .sort((a, b) => (a.nextCheckAt! < b.nextCheckAt! ? -1 : a.nextCheckAt! > b.nextCheckAt! ? 1 : a.id < b.id ? -1 : 1));
        expect(due.length).toBeGreaterThan(5);
        expect((await store.listDueCases(now, 1000)).map((c) => c.id)).toEqual(due.map((c) => c.id));
        expect((await store.listDueCases(now, 5)).map((c) => c.id)).toEqual(due.slice(0, 5).map((c) => c.id));
        expect(await store.listDueCases(at(-1), 10)).toEqual([]);
      });

      it('lists the cases without a number, oldest first (ties by id), for the backfill', async () => {
        const unnumbered = cases
          .filter((c) => c.no === undefined)
          .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
        expect(unnumbered.length).toBeGreaterThan(2);
        expect((await store.listUnnumberedCases(1000)).map((c) => c.id)).toEqual(unnumbered.map((c) => c.id));
        expect((await store.listUnnumberedCases(2)).map((c) => c.id)).toEqual(unnumbered.slice(0, 2).map((c) => c.id));
        expect(await store.listUnnumberedCases(0)).toEqual([]);
      });

      it('counts matching cases, stopping at a cap', async () => {
        const all = await store.countCases({});
        expect(all).toBe(cases.length);
        expect(await store.countCases({}, 3)).toBe(Math.min(3, all));
        expect(await store.countCases({}, all + 10)).toBe(all);
      });

      it('counts open work per member of a grid', async () => {
        const expected: Record<string, number> = {};
        for (const c of cases)
          if (c.place.gridId === 'comm-1-g0' && OPEN_STATUSES.includes(c.status) && c.holder?.memberId)
            expected[c.holder.memberId] = (expected[c.holder.memberId] ?? 0) + 1;
        expect(Object.keys(expected).length).toBeGreaterThan(0);
        expect(await store.openWorkByMember('comm-1-g0')).toEqual(expected);
        expect(await store.openWorkByMember('no-grid')).toEqual({});
      });
    });

    describe('board counters', () => {
      it('equal the sum of tallyCase over the stored cases after creates, updates and moves', async () => {
        const created = [
          makeCase({ status: 'pending' }),
          makeCase({ status: 'assigned', place: { gridId: 'grid-2' } }),
          makeCase({ status: 'processing', categoryId: 'cat-other', acceptedAt: at(5), respondedOnTime: true }),
          // 01:00 on 1 April in China is still March in UTC: it counts in April.
          makeCase({ createdAt: '2026-03-31T17:00:00.000Z' }),
          makeCase({ status: 'merged', mergedInto: 'x' }),
        ];
        await seed(store, created);
        const stored = new Map(created.map((c) => [c.id, c]));
        const apply = async (c: Case, patch: Parameters<typeof updateOf>[1]) => {
          const { next, change } = updateOf(stored.get(c.id)!, patch);
          expectOk(await store.commit(change));
          stored.set(c.id, next);
        };
        await apply(created[0], { status: 'assigned' });
        await apply(created[0], { status: 'processing', acceptedAt: at(50), respondedOnTime: false });
        await apply(created[0], { status: 'resolved', result: '已更换灯泡', resolvedAt: at(60), resolvedOnTime: true });
        await apply(created[0], { status: 'closed', rating: { value: 'satisfied', at: at(70) }, closedAt: at(70) });
        await apply(created[1], { status: 'processing', overdue: true, reworkCount: 1 });
        await apply(created[2], { status: 'escalated', escalation: { level: 'street', since: at(80), reason: '复杂' }, supervised: true });
        // An admin moves a case to another grid and category: its counts move with it.
        await apply(created[3], { place: { gridId: 'grid-9' }, categoryId: 'cat-moved' });
        await apply(created[3], { status: 'withdrawn' });

        const all = await store.readTallies({ fromMonth: '2026-01', toMonth: '2026-12' });
        expect(tallyMap(all)).toEqual(expectedTallies([...stored.values()]));
        const april = await store.readTallies({ fromMonth: '2026-04', toMonth: '2026-04' });
        expect(tallyMap(april)).toEqual(expectedTallies([stored.get(created[3].id)!]));
        expect(april[0]).toMatchObject({ communityId: 'comm-1', gridId: 'grid-9', month: '2026-04', categoryId: 'cat-moved' });
        const grid2 = await store.readTallies({ fromMonth: '2026-01', toMonth: '2026-12', gridId: 'grid-2' });
        expect(tallyMap(grid2)).toEqual(expectedTallies([stored.get(created[1].id)!]));
        expect(await store.readTallies({ fromMonth: '2026-01', toMonth: '2026-12', communityId: 'comm-9' })).toEqual([]);
        for (const row of all) {
          expect(Object.keys(row.tally).sort()).toEqual([...TALLY_KEYS].sort());
          // The row the moved case left is at zero and is not returned.
          expect(isZeroTally(row.tally)).toBe(false);
        }
        expect(all.find((r) => r.gridId === 'grid-1' && r.month === '2026-04')).toBeUndefined();
      });
    });

    describe('outbox', () => {
      async function queue(n: number, when = at(0)): Promise<string[]> {
        const c = makeCase();
        const notices = Array.from({ length: n }, (_, i) => makeNotice(c, 1, `user-${String(i).padStart(3, '0')}`, 'task_new', when));
        expectOk(await store.commit(createChange(c, { notices })));
        return notices.map((x) => x.key);
      }

      it('queues each notice of a change once, even when a key repeats', async () => {
        const keys = await queue(3);
        const c = makeCase();
        const again = { ...makeNotice(c, 1, 'user-000'), key: keys[0] };
        expectOk(await store.commit(createChange(c, { notices: [again] })));
        const items = await store.listOutbox('queued');
        expect(items.map((i) => i.notice.key).sort()).toEqual(keys.sort());
        expect(items[0]).toMatchObject({ status: 'queued', attempts: 0, done: {}, nextAttemptAt: at(0) });
        expect(await store.listOutbox('sent')).toEqual([]);
      });

      it('leases what it hands out: two claims at the same time never share an item', async () => {
        const keys = await queue(7);
        const [a, b] = await Promise.all([store.claimOutbox(at(1), 4, 60_000), store.claimOutbox(at(1), 4, 60_000)]);
        const claimed = [...a, ...b].map((i) => i.notice.key);
        expect(new Set(claimed).size).toBe(claimed.length);
        expect(claimed.sort()).toEqual(keys.sort());
        expect(a.length + b.length).toBe(7);
        // Leased: nobody gets them again until the lease ends …
        expect(await store.claimOutbox(at(1.5), 10, 60_000)).toEqual([]);
        // … after which an unfinished item comes back.
        const again = await store.claimOutbox(at(2), 10, 60_000);
        expect(again.map((i) => i.notice.key).sort()).toEqual(keys.sort());
        expect(again[0].nextAttemptAt).toBe(at(3));
      });

      it('only hands out items that are due, oldest first, up to the limit', async () => {
        await queue(2, at(10));
        const early = await queue(1, at(5));
        expect(await store.claimOutbox(at(4), 10, 1000)).toEqual([]);
        expect((await store.claimOutbox(at(20), 1, 1000)).map((i) => i.notice.key)).toEqual(early);
      });

      it('saves retry state and outcomes', async () => {
        const [key] = await queue(1);
        const [item] = await store.claimOutbox(at(1), 1, 60_000);
        const retry: OutboxItem = {
          ...item,
          attempts: 1,
          nextAttemptAt: at(30),
          lastError: '订阅消息发送失败：网络超时',
          done: { inbox: true },
        };
        await store.saveOutbox(retry);
        expect(await store.claimOutbox(at(29), 10, 1000)).toEqual([]);
        const [back] = await store.claimOutbox(at(30), 10, 60_000);
        expect(back).toEqual({ ...retry, nextAttemptAt: at(31) });
        await store.saveOutbox({ ...back, status: 'sent', attempts: 2, done: { inbox: true, subscribe: 'sent' } });
        expect((await store.listOutbox('sent')).map((i) => [i.notice.key, i.attempts, i.done])).toEqual([
          [key, 2, { inbox: true, subscribe: 'sent' }],
        ]);
        expect(await store.listOutbox('queued')).toEqual([]);
        expect(await store.claimOutbox(at(1000), 10, 1000)).toEqual([]);
        await store.saveOutbox({ ...back, status: 'failed', attempts: 8 });
        expect((await store.listOutbox('failed')).map((i) => i.attempts)).toEqual([8]);
        expect(await store.listOutbox()).toHaveLength(1);
      });

      it('claims a channel for one sender only, and never again until its outcome is recorded', async () => {
        const [key] = await queue(1);
        const [item] = await store.claimOutbox(at(1), 1, 60_000);
        const claims = await Promise.all([
          store.claimDelivery(key, 'subscribe', at(2)),
          store.claimDelivery(key, 'subscribe', at(2)),
          store.claimDelivery(key, 'subscribe', at(2)),
        ]);
        expect(claims.filter((c) => c)).toHaveLength(1);
        expect((await store.listOutbox())[0]).toEqual({ ...item, sending: { channel: 'subscribe', until: at(2) } });
        // Long after the lease the claim still stands: an unrecorded send is never repeated.
        expect(await store.claimDelivery(key, 'subscribe', at(100))).toBe(false);
        expect((await store.listOutbox())[0].sending).toEqual({ channel: 'subscribe', until: at(2) });
        // A failure recorded (the claim gone, the channel not done) may be tried again …
        await store.saveOutbox({ ...item, attempts: 1, lastError: '-1 system error' });
        expect(await store.claimDelivery(key, 'subscribe', at(3))).toBe(true);
        expect((await store.listOutbox())[0]).toMatchObject({ attempts: 1, sending: { until: at(3) } });
        // … a channel done may not.
        await store.saveOutbox({ ...item, status: 'sent', attempts: 2, done: { inbox: true, subscribe: 'sent' } });
        expect(await store.claimDelivery(key, 'subscribe', at(4))).toBe(false);
        expect(await store.claimDelivery('no-such-notice', 'subscribe', at(4))).toBe(false);
      });

      it('lists more items than one read of the database returns', async () => {
        await queue(130);
        expect(await store.listOutbox('queued')).toHaveLength(130);
        expect(await store.claimOutbox(at(1), 120, 1000)).toHaveLength(120);
      });
    });

    describe('message centre', () => {
      const msg = (id: string, openid: string, minute: number, read = false): InboxMessage => ({
        id,
        openid,
        caseId: 'case-1',
        kind: 'case_accepted',
        title: '您的诉求已受理',
        body: '楼栋物管员 李** 已受理',
        at: at(minute),
        read,
      });

      it('lists newest first, pages by time, counts and marks unread', async () => {
        for (let i = 1; i <= 5; i++) await store.addInboxMessage(msg(`u1-${i}`, 'u1', i));
        await store.addInboxMessage(msg('u2-1', 'u2', 3));
        // A retried delivery adds the same message again.
        await store.addInboxMessage({ ...msg('u1-1', 'u1', 1), title: '重复' });
        expect((await store.listInbox('u1', 3)).map((m) => m.id)).toEqual(['u1-5', 'u1-4', 'u1-3']);
        expect((await store.listInbox('u1', 3, at(3))).map((m) => m.id)).toEqual(['u1-2', 'u1-1']);
        expect((await store.listInbox('u1', 10)).find((m) => m.id === 'u1-1')?.title).toBe('您的诉求已受理');
        expect(await store.countUnread('u1')).toBe(5);
        expect(await store.markRead('u1', ['u1-1', 'u1-2', 'u2-1', 'nope'])).toBe(2);
        expect(await store.markRead('u1', ['u1-1'])).toBe(0);
        expect(await store.countUnread('u1')).toBe(3);
        expect(
          (await store.listInbox('u1', 10))
            .filter((m) => m.read)
            .map((m) => m.id)
            .sort(),
        ).toEqual(['u1-1', 'u1-2']);
        expect(await store.markRead('u1', 'all')).toBe(3);
        expect(await store.countUnread('u1')).toBe(0);
        expect(await store.countUnread('u2')).toBe(1);
        expect(await store.markRead('u1', [])).toBe(0);
      });
    });

    describe('subscription quota', () => {
      it('takes one unit at a time until none is left', async () => {
        await store.addSubscriptionQuota('u1', 'task_new', 2);
        await store.addSubscriptionQuota('u1', 'task_new', 1);
        await store.addSubscriptionQuota('u1', 'case_closed', 1);
        const takes = await Promise.all([1, 2, 3, 4].map(() => store.takeSubscriptionQuota('u1', 'task_new')));
        expect(takes.filter(Boolean)).toHaveLength(3);
        expect(await store.takeSubscriptionQuota('u1', 'task_new')).toBe(false);
        expect(await store.takeSubscriptionQuota('u2', 'task_new')).toBe(false);
        expect(await store.takeSubscriptionQuota('u1', 'case_closed')).toBe(true);
        await store.addSubscriptionQuota('u1', 'task_new', 5);
        await store.clearSubscriptionQuota('u1', 'task_new');
        await store.clearSubscriptionQuota('u1', 'never-granted');
        expect(await store.takeSubscriptionQuota('u1', 'task_new')).toBe(false);
      });
    });

    describe('case numbers', () => {
      it('start at 1 in each street and month and follow on, whatever the caller believed', async () => {
        expect(await store.lastCaseNumber('s1|2612')).toBe(0);
        expect(expectOk(await store.claimCaseNumbers('s1|2612', 1))).toEqual({ first: 1 });
        expect(expectOk(await store.claimCaseNumbers('s1|2612', 3, 1))).toEqual({ first: 2 });
        // A wrong belief (too low, or too high) costs a read, never a number given twice.
        expect(expectOk(await store.claimCaseNumbers('s1|2612', 1, 0))).toEqual({ first: 5 });
        expect(expectOk(await store.claimCaseNumbers('s1|2612', 1, 99))).toEqual({ first: 6 });
        expect(expectOk(await store.claimCaseNumbers('s2|2612', 1))).toEqual({ first: 1 });
        expect(expectOk(await store.claimCaseNumbers('s1|2701', 2))).toEqual({ first: 1 });
        expect(await store.lastCaseNumber('s1|2612')).toBe(6);
        expect(await store.lastCaseNumber('s1|2701')).toBe(2);
        await expect(store.claimCaseNumbers('s1|2612', 0)).rejects.toThrow();
      });

      it('give 50 requests arriving together 50 different numbers, in one run of claims', async () => {
        const when = new Date('2026-12-07T02:00:00Z');
        const numbers = await Promise.all(Array.from({ length: 50 }, () => nextCaseNumber(store, 'street-1', when)));
        const got = numbers.map((r) => expectOk(r)).sort();
        expect(got).toEqual(Array.from({ length: 50 }, (_, i) => `2612-${String(i + 1).padStart(4, '0')}`));
        expect(await store.lastCaseNumber('street-1|2612')).toBe(50);
        // The next month starts again at 1.
        expect(expectOk(await nextCaseNumber(store, 'street-1', new Date('2026-12-31T16:00:00Z')))).toBe('2701-0001');
      });

      it('are found by number, and a case keeps its number through every change', async () => {
        const c = makeCase({ id: 'numbered', no: '2612-0042' });
        expectOk(await store.commit(createChange(c)));
        expectOk(await store.commit(updateOf(c, { status: 'processing' }).change));
        expect((await store.getCase('numbered'))?.no).toBe('2612-0042');
        expect((await store.listCases({ caseNo: '2612-0042', limit: 5 })).items.map((x) => x.id)).toEqual(['numbered']);
        expect(await store.countCases({ caseNo: '2612-0042' })).toBe(1);
      });
    });
  });
}

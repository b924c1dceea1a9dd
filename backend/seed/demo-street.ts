/**
 * The demo street: 双福街道 with three communities, six grids, the five members of every grid,
 * admins, departments, the default categories and policies, and about 200 historical cases over
 * the last 90 days made by running the real lifecycle at past times — so a newcomer sees a living
 * app whose numbers add up.
 */
import { openCase, transition, type Command, type TransitionResult } from '../../core/case-lifecycle';
import { DEFAULT_CATEGORIES, routeForCategory } from '../../core/route-case';
import { FIVE_341_POLICY, THREE_DAY_POLICY } from '../../core/time-policy';
import {
  MEMBER_ROLES,
  type Actor,
  type Case,
  type CaseEvent,
  type Category,
  type Member,
  type MemberRole,
  type Notice,
  SYSTEM_ACTOR,
} from '../../core/model';
import { buildCalendar } from '../calendar';
import type { Account, Building, Community, Department, Grid } from '../store/ref-docs';
import type { Store } from '../store/store.port';
import { inboxMessageOf } from '../notify/dispatcher';
import { expandNotices } from '../services/case-service';
import { knownNames } from '../services/public-text';
import { caseNumberScope, formatCaseNumber } from '../../core/case-number';
import { decideTexts, freeTexts } from '../../core/public-text';

export const STREET_ID = 'shuangfu';

/** A small deterministic PRNG so the demo is the same on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = [
  '建国',
  '秀英',
  '志强',
  '丽华',
  '海燕',
  '国庆',
  '桂兰',
  '文斌',
  '晓东',
  '玉梅',
  '德明',
  '春花',
  '勇',
  '静',
  '磊',
  '芳',
  '军',
  '敏',
  '涛',
  '红',
];

const COMMUNITIES: { id: string; name: string; kind: 'city' | 'rural'; policyId: string; grids: string[] }[] = [
  { id: 'sf-yuyuan', name: '渝园社区', kind: 'city', policyId: 'three-day', grids: ['第一网格', '第二网格'] },
  { id: 'sf-xinglong', name: '兴隆社区', kind: 'city', policyId: '5341', grids: ['第一网格', '第二网格'] },
  { id: 'sf-taoyuan', name: '桃源村社区', kind: 'rural', policyId: 'three-day', grids: ['第一网格', '第二网格'] },
];

const DEPARTMENTS: { id: string; name: string }[] = [
  { id: 'dept-police', name: '双福派出所' },
  { id: 'dept-justice', name: '双福司法所' },
  { id: 'dept-housing', name: '街道住建办' },
  { id: 'dept-market', name: '市场监管所' },
];

const DESCRIPTIONS: Record<string, string[]> = {
  设施维修: ['楼道灯坏了好几天，晚上上下楼看不见', '单元门门禁坏了，关不上', '楼顶漏水，家里天花板渗水', '电梯经常停在半中间'],
  环境卫生: ['小区垃圾桶满了没人清运，有异味', '楼道里堆满杂物，影响通行', '绿化带里有很多烟头垃圾'],
  垃圾分类: ['垃圾分类点的厨余桶破了', '有人不分类乱扔垃圾，希望加强宣传'],
  安全隐患: ['楼下电动车在楼道里充电，很危险', '小区消防通道被车堵住了', '燃气管道有异味，担心漏气', '围墙有裂缝，怕倒塌'],
  帮办代办: ['家里老人行动不便，想请人帮忙办理社保认证', '想咨询怎么办理居住证'],
  邻里纠纷: ['楼上装修噪音太大，晚上十点还在施工', '邻居在公共区域养狗，狗粪没人清理', '楼上空调滴水到我家阳台'],
  家庭矛盾: ['家里老人赡养问题，兄弟之间有矛盾'],
  物业服务: ['物业费收了但保洁很少来', '小区路灯坏了物业一直不修', '地下车库积水物业不处理'],
  公共设施: ['小区健身器材坏了，老人锻炼不安全', '小区大门道闸经常坏'],
  困难帮扶: ['独居老人生活困难，希望社区关心', '家里有重病人，想了解救助政策'],
  政策咨询: ['想了解老旧小区改造的政策', '高龄津贴怎么申请'],
  其他: ['希望小区增加几个休息座椅', '建议在小区门口增设减速带'],
};

/**
 * Where the demo buildings stand (GCJ-02, around 双福 in 江津): each community about a kilometre
 * from the next, its grids 300 m apart, a grid's four buildings on a 70 m square. Fixed numbers,
 * not the PRNG, so the seeded cases stay the same.
 */
export const DEMO_ORIGIN = { latitude: 29.3962, longitude: 106.2968 } as const;
export function demoBuildingPoint(communityIx: number, gridIx: number, buildingIx: number): { latitude: number; longitude: number } {
  const north = communityIx * 0.009 + ((buildingIx - 1) >> 1) * 0.00063; // 0.009° ≈ 1 km, 0.00063° ≈ 70 m
  const east = gridIx * 0.0031 + ((buildingIx - 1) & 1) * 0.00072; // 0.0031° ≈ 300 m, 0.00072° ≈ 70 m at 29.4°
  return {
    latitude: Math.round((DEMO_ORIGIN.latitude + north) * 1e6) / 1e6,
    longitude: Math.round((DEMO_ORIGIN.longitude + east) * 1e6) / 1e6,
  };
}

export interface SeedResult {
  cases: number;
  personas: number;
}

export async function isSeeded(store: Store): Promise<boolean> {
  return (await store.getRef('streets', STREET_ID)) !== undefined;
}

/**
 * Seeds the demo street once. `now` is the moment the history ends; `caseCount` about 200.
 */
export async function seedDemoStreet(store: Store, now: Date, caseCount = 200, seed = 20261123): Promise<SeedResult> {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const at = now.toISOString();
  const calendar = buildCalendar([]);

  await store.putRef('streets', { id: STREET_ID, name: '双福街道' });
  for (const p of [THREE_DAY_POLICY, FIVE_341_POLICY]) await store.putRef('policies', { ...p });
  const categories: Category[] = DEFAULT_CATEGORIES.map((c, i) => ({ ...c, id: `cat-${String(i + 1).padStart(2, '0')}` }));
  for (const c of categories) await store.putRef('categories', c);
  for (const d of DEPARTMENTS) await store.putRef('departments', { ...d, streetId: STREET_ID, active: true } satisfies Department);

  const accounts: Account[] = [];
  const communities = new Map<string, Community>();
  const members: Member[] = [];
  const grids: Grid[] = [];
  const buildings: Building[] = [];
  let nameIx = 0;
  const nextName = () => `${SURNAMES[nameIx % SURNAMES.length]}${GIVEN[(nameIx++ * 7) % GIVEN.length]}`;

  for (const [ci, c] of COMMUNITIES.entries()) {
    const community: Community = { id: c.id, streetId: STREET_ID, name: c.name, kind: c.kind, policyId: c.policyId, active: true };
    communities.set(community.id, community);
    await store.putRef('communities', community);
    const adminOpenid = `demo-admin-${ci + 1}`;
    accounts.push({
      id: adminOpenid,
      openid: adminOpenid,
      name: nextName(),
      roles: [{ role: 'community_admin', streetId: STREET_ID, communityId: c.id }],
      createdAt: at,
    });
    for (const [gi, gname] of c.grids.entries()) {
      const grid: Grid = {
        id: `${c.id}-g${gi + 1}`,
        streetId: STREET_ID,
        communityId: c.id,
        name: gname,
        households: c.kind === 'city' ? 420 + gi * 30 : 260 + gi * 20,
        active: true,
      };
      grids.push(grid);
      await store.putRef('grids', grid);
      for (let bi = 1; bi <= 4; bi++) {
        const b: Building = {
          id: `${grid.id}-b${bi}`,
          streetId: STREET_ID,
          communityId: c.id,
          gridId: grid.id,
          name: `${gi * 4 + bi}栋`,
          active: true,
          ...demoBuildingPoint(ci, gi, bi),
        };
        buildings.push(b);
        await store.putRef('buildings', b);
      }
      for (const role of MEMBER_ROLES) {
        const mid = `${grid.id}-${role}`;
        const openid = `demo-${ci + 1}${gi + 1}-${role.replace('_', '-')}`;
        const m: Member = {
          id: mid,
          openid,
          name: nextName(),
          role,
          streetId: STREET_ID,
          communityId: c.id,
          gridId: grid.id,
          onDuty: true,
          active: true,
          phone: `1390000${String(ci * 100 + gi * 10 + MEMBER_ROLES.indexOf(role)).padStart(4, '0')}`,
        };
        members.push(m);
        await store.putRef('members', m);
        accounts.push({
          id: openid,
          openid,
          name: m.name,
          phone: m.phone,
          roles: [{ role, streetId: STREET_ID, communityId: c.id, gridId: grid.id, memberId: mid }],
          createdAt: at,
        });
      }
    }
  }
  accounts.push({
    id: 'demo-street-admin',
    openid: 'demo-street-admin',
    name: nextName(),
    roles: [{ role: 'street_admin', streetId: STREET_ID }],
    createdAt: at,
  });
  for (const [i, d] of DEPARTMENTS.entries())
    accounts.push({
      id: `demo-dept-${i + 1}`,
      openid: `demo-dept-${i + 1}`,
      name: nextName(),
      roles: [{ role: 'department', streetId: STREET_ID, departmentId: d.id }],
      createdAt: at,
    });
  const residents: Account[] = [];
  for (let i = 1; i <= 6; i++)
    residents.push({ id: `demo-resident-${i}`, openid: `demo-resident-${i}`, name: nextName(), roles: [], createdAt: at });
  accounts.push(...residents);
  for (const a of accounts) await store.putRef('accounts', a);

  // ——— history: run the lifecycle at past times ———
  const adminOf = (communityId: string): Actor => {
    const a = accounts.find((x) => x.roles.some((r) => r.role === 'community_admin' && r.communityId === communityId))!;
    return { openid: a.openid, name: a.name, grants: a.roles.map((r) => ({ ...r })) };
  };
  const streetAdmin: Actor = {
    openid: 'demo-street-admin',
    name: accounts.find((a) => a.openid === 'demo-street-admin')!.name,
    grants: [{ role: 'street_admin', streetId: STREET_ID }],
  };
  const actorOfMember = (m: Member): Actor => ({
    openid: m.openid!,
    name: m.name,
    grants: [{ role: m.role, streetId: m.streetId, communityId: m.communityId, gridId: m.gridId, memberId: m.id }],
  });
  const policyOf = (communityId: string) =>
    COMMUNITIES.find((c) => c.id === communityId)!.policyId === '5341' ? FIVE_341_POLICY : THREE_DAY_POLICY;

  const openWork: Record<string, number> = {};
  let written = 0;
  const history: { stored: Case; events: CaseEvent[]; notices: Notice[] }[] = [];
  let knownNamesCache: string[] | undefined;
  const HOUR = 3_600_000;
  const MINUTE = 60_000;
  for (let i = 0; i < caseCount; i++) {
    const ageDays = Math.pow(rnd(), 1.3) * 90;
    let t = now.getTime() - ageDays * 24 * HOUR;
    const b = pick(buildings);
    const category = pick(categories);
    const reporterAcc = pick(residents);
    const reporter: Actor = { openid: reporterAcc.openid, name: reporterAcc.name, grants: [] };
    const policy = policyOf(b.communityId);
    const ctx = (ms: number) => ({ now: new Date(ms), policy, calendar });
    const gridMembersList = members.filter((m) => m.gridId === b.gridId);
    // A few members are off duty at times, so some cases fall back or wait in the queue.
    const onDuty = gridMembersList.map((m) => ({ ...m, onDuty: rnd() > 0.06 }));
    const route = routeForCategory(category, { gridId: b.gridId, members: onDuty, openWork }, communities.get(b.communityId));
    const id = `C${new Date(t + 8 * HOUR).toISOString().slice(0, 19).replace(/[-T:]/g, '')}${String(i).padStart(6, '0')}`;
    const created = openCase(
      {
        id,
        place: { streetId: STREET_ID, communityId: b.communityId, gridId: b.gridId, buildingId: b.id },
        category,
        description: pick(DESCRIPTIONS[category.name] ?? DESCRIPTIONS['其他']!),
        photos: [],
        isPublic: category.defaultPublic && rnd() > 0.15,
        severity: rnd() < 0.12 ? 'complex' : rnd() < 0.03 ? 'major' : 'simple',
        policyId: policy.id,
        ...(rnd() < 0.5 ? { contactPhone: `138${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}` } : {}),
      },
      { action: 'submit', route },
      reporter,
      ctx(t),
    );
    if (!created.ok) continue;
    let c: Case = created.value.case;
    const events: CaseEvent[] = [...created.value.events];
    const notices: Notice[] = [...created.value.notices];
    const step = (cmd: Command, actor: Actor, dtMs: number): boolean => {
      const nt = t + dtMs;
      if (nt >= now.getTime()) return false;
      const r = transition(c, cmd, actor, ctx(nt));
      if (!r.ok) return false;
      t = nt;
      c = r.value.case;
      events.push(...r.value.events);
      notices.push(...(r.value as TransitionResult).notices);
      return true;
    };
    const fast = policy.id === '5341';
    const respondMs = fast ? (rnd() < 0.85 ? 3 * MINUTE : 12 * MINUTE) : rnd() < 0.85 ? 3 * HOUR : 30 * HOUR;
    const resolveMs = fast ? (rnd() < 0.8 ? 25 * MINUTE : 3 * HOUR) : rnd() < 0.8 ? 30 * HOUR : 6 * 24 * HOUR;
    const fate = rnd();
    if (c.status === 'pending') {
      if (fate < 0.6) {
        const m = gridMembersList.find((x) => x.role === 'grid_worker')!;
        step({ action: 'assign', member: m, note: '社区派单' }, adminOf(c.place.communityId), 2 * HOUR);
      }
    }
    if (fate < 0.03) step({ action: 'withdraw', reason: '问题已自行解决' }, reporter, HOUR);
    else if (fate < 0.06)
      step({ action: 'reject', reason: '不属于社区受理范围，已告知居民向相关部门反映' }, adminOf(c.place.communityId), 2 * HOUR);
    if (c.status === 'assigned' && c.holder) {
      const holder = gridMembersList.find((m) => m.id === c.holder!.memberId)!;
      const h = actorOfMember(holder);
      if (step({ action: 'accept' }, h, respondMs)) {
        if (rnd() < 0.4) step({ action: 'progress', note: '已到现场查看，正在联系维修人员' }, h, resolveMs / 3);
        if (c.severity !== 'simple' && rnd() < 0.6) {
          step({ action: 'escalate', reason: '涉及多方，需社区协调' }, h, HOUR);
          if (rnd() < 0.6) {
            step({ action: 'escalate', reason: '需街道协调职能部门' }, adminOf(c.place.communityId), 3 * HOUR);
            const d = pick(DEPARTMENTS);
            if (step({ action: 'dispatch_department', department: d }, streetAdmin, 2 * HOUR))
              step(
                { action: 'department_report', note: '已到现场，正在处置' },
                {
                  openid: `demo-dept-${DEPARTMENTS.indexOf(d) + 1}`,
                  name: '部门',
                  grants: [{ role: 'department', streetId: STREET_ID, departmentId: d.id }],
                },
                10 * HOUR,
              );
          }
        }
        const st = (): Case['status'] => c.status;
        const resolver =
          st() === 'escalated' && c.escalation?.level === 'department'
            ? {
                openid: `demo-dept-${DEPARTMENTS.findIndex((d) => d.id === c.escalation!.departmentId) + 1}`,
                name: '部门',
                grants: [{ role: 'department' as const, streetId: STREET_ID, departmentId: c.escalation.departmentId! }],
              }
            : st() === 'escalated'
              ? c.escalation?.level === 'street'
                ? streetAdmin
                : adminOf(c.place.communityId)
              : h;
        if (
          rnd() < 0.85 &&
          step({ action: 'resolve', result: '已处理完毕，现场已恢复正常', photos: [`demo-after-${i}.jpg`] }, resolver, resolveMs)
        ) {
          const r = rnd();
          if (r < 0.62) step({ action: 'rate', rating: 'satisfied', comment: '处理及时，谢谢' }, reporter, 5 * HOUR);
          else if (r < 0.78) step({ action: 'rate', rating: 'basically_satisfied' }, reporter, 8 * HOUR);
          else if (r < 0.88) {
            if (step({ action: 'rate', rating: 'unsatisfied', comment: '问题没有彻底解决' }, reporter, 6 * HOUR) && st() === 'processing')
              if (step({ action: 'resolve', result: '已重新处理，问题彻底解决', photos: [`demo-after2-${i}.jpg`] }, h, resolveMs))
                step({ action: 'rate', rating: 'satisfied' }, reporter, 4 * HOUR);
          } else step({ action: 'auto_close' }, SYSTEM_ACTOR, 8 * 24 * HOUR);
        }
      }
    }
    // Let the clock catch up with what happened while nobody acted, as the timer would have.
    for (let guard = 0; guard < 4 && c.nextCheckAt && Date.parse(c.nextCheckAt) < now.getTime(); guard++) {
      const when = Date.parse(c.nextCheckAt) - t;
      const action: Command =
        c.status === 'resolved'
          ? { action: 'auto_close' }
          : Date.parse(c.nextCheckAt) >= Date.parse(c.dueAt ?? '9999')
            ? { action: 'mark_overdue' }
            : { action: 'remind' };
      if (!step(action, SYSTEM_ACTOR, Math.max(when, 0))) break;
    }
    if (c.holder?.memberId && ['assigned', 'processing', 'escalated'].includes(c.status))
      openWork[c.holder.memberId] = (openWork[c.holder.memberId] ?? 0) + 1;
    // Demo photos are not real files; keep the cases honest about that.
    c.photos = [];
    for (const e of events) delete e.photos;
    // Old notices are history, not news: the last week's go straight to the message centre,
    // nothing historical is queued for sending.
    // Historical texts were reviewed as an admin would: the masked suggestion approved as it is.
    // The last two days' wait for review, so the demo has a review list.
    const texts = freeTexts(c, events);
    const reviewed =
      now.getTime() - Date.parse(c.createdAt) > 2 * 24 * HOUR
        ? decideTexts(
            c,
            events,
            texts.map((x) => ({ key: x.key, decision: { approve: true } as const })),
            { by: '社区管理员', at: now.toISOString(), names: (knownNamesCache ??= await knownNames(store)) },
          )
        : undefined;
    const stored = reviewed?.ok ? { ...reviewed.value, version: c.version } : { ...c, textsPending: texts.length };
    history.push({ stored, events, notices });
  }
  // Numbered in order of creation, as they would have been when submitted.
  history.sort((a, b) => (a.stored.createdAt < b.stored.createdAt ? -1 : a.stored.createdAt > b.stored.createdAt ? 1 : 0));
  // One claim per street and month (one write each, not one per case).
  const scopes = history.map(({ stored }) => caseNumberScope(stored.place.streetId, new Date(stored.createdAt)));
  const counts = new Map<string, number>();
  for (const x of scopes) counts.set(x.key, (counts.get(x.key) ?? 0) + 1);
  const firstOf = new Map<string, number>();
  for (const [key, count] of counts) {
    const claimed = await store.claimCaseNumbers(key, count);
    if (claimed.ok) firstOf.set(key, claimed.value.first);
  }
  for (const [i, { stored, events, notices }] of history.entries()) {
    const scope = scopes[i]!;
    const seq = firstOf.get(scope.key);
    if (seq === undefined) continue;
    firstOf.set(scope.key, seq + 1);
    const no = formatCaseNumber(scope.yymm, seq);
    const r = await store.commit({ creates: [{ case: { ...stored, no } }], updates: [], events, notices: [] });
    if (r.ok) written++;
    for (const n of await expandNotices(store, notices)) {
      const age = now.getTime() - Date.parse(n.at);
      if (age > 7 * 24 * HOUR) continue;
      await store.addInboxMessage(inboxMessageOf({ ...n, caseNo: no }, age > 2 * 24 * HOUR));
    }
  }
  return { cases: written, personas: accounts.length };
}

export const DEMO_MEMBER_ROLES: readonly MemberRole[] = MEMBER_ROLES;

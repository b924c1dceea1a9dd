/**
 * Fixtures for the core's tests: one street, one community with one grid and its five-role group,
 * the people who act on cases, China's real holiday calendar, and `Story`, which plays a case
 * through the lifecycle one step at a time (every step at an explicit time).
 */
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { openCase, transition, type Command, type CreateCommand, type TransitionContext } from './case-lifecycle';
import type { Result } from './errors';
import {
  SYSTEM_ACTOR,
  type Actor,
  type Case,
  type CaseEvent,
  type Category,
  type Member,
  type MemberRole,
  type Notice,
  type Severity,
} from './model';
import { DEFAULT_CATEGORIES, routeCase, routeForCategory, type Route } from './route-case';
import { THREE_DAY_POLICY, type TimePolicy } from './time-policy';
import { makeWorkCalendar, type WorkCalendar } from './working-days';

// ——— time ———

/** China's official calendar from the maintained package (holidays and 调休 workdays), no overrides. */
export const CHINA_DAYS = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
export function chinaCalendar(overrides?: Record<string, boolean>): WorkCalendar {
  return makeWorkCalendar({ holidays: Object.keys(CHINA_DAYS.holidays), workdays: Object.keys(CHINA_DAYS.workdays), overrides });
}
export const CHINA_CALENDAR = chinaCalendar();

/** A China-time wall clock reading, `2026-10-09 18:00` → the instant. */
export function cst(local: string): Date {
  const [date, time = '00:00'] = local.split(' ');
  return new Date(`${date}T${time.length === 5 ? `${time}:00` : time}.000+08:00`);
}
/** The ISO string of a China-time wall clock reading. */
export const cstIso = (local: string): string => cst(local).toISOString();
/** An instant as China wall-clock time, `2026-10-09 18:00`. */
export function wall(at: Date | string): string {
  const d = new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
}
export const minutesAfter = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * 60_000);
export const hoursAfter = (at: Date, hours: number): Date => minutesAfter(at, hours * 60);

export function ctxAt(now: Date, policy: TimePolicy = THREE_DAY_POLICY, calendar: WorkCalendar = CHINA_CALENDAR): TransitionContext {
  return { now, policy, calendar };
}

// ——— places and people ———

export const STREET = 'street-shuangfu';
export const COMMUNITY = 'community-xingfu';
export const OTHER_COMMUNITY = 'community-heping';
export const GRID = 'grid-xingfu-1';
export const OTHER_GRID = 'grid-xingfu-2';
export const PLACE = { streetId: STREET, communityId: COMMUNITY, gridId: GRID, buildingId: 'building-3' };

export function member(id: string, name: string, role: MemberRole, extra: Partial<Member> = {}): Member {
  return {
    id,
    openid: `wx-${id}`,
    name,
    role,
    streetId: STREET,
    communityId: COMMUNITY,
    gridId: GRID,
    onDuty: true,
    active: true,
    ...extra,
  };
}

/** The five-role group of the grid (and a second building steward). */
export const WANG = member('m-wang', '王小明', 'building_steward');
export const ZHAO = member('m-zhao', '赵六', 'building_steward');
export const LI = member('m-li', '李娜', 'grid_worker');
export const ZHANG = member('m-zhang', '张伟', 'resident_leader');
export const CHEN = member('m-chen', '陈静', 'owners_committee');
export const LIU = member('m-liu', '刘洋', 'party_leader');
export const GROUP: readonly Member[] = [WANG, LI, ZHANG, CHEN, LIU];

export function actorOf(m: Member): Actor {
  return {
    openid: m.openid ?? `member:${m.id}`,
    name: m.name,
    grants: [{ role: m.role, streetId: m.streetId, communityId: m.communityId, gridId: m.gridId, memberId: m.id }],
  };
}

export const REPORTER: Actor = { openid: 'wx-resident-zhou', name: '周杰', grants: [{ role: 'resident' }] };
export const NEIGHBOUR: Actor = { openid: 'wx-resident-zheng', name: '郑敏', grants: [{ role: 'resident' }] };
export const COMMUNITY_ADMIN: Actor = {
  openid: 'wx-secretary-sun',
  name: '孙丽',
  grants: [{ role: 'community_admin', streetId: STREET, communityId: COMMUNITY }],
};
export const OTHER_COMMUNITY_ADMIN: Actor = {
  openid: 'wx-secretary-qian',
  name: '钱芳',
  grants: [{ role: 'community_admin', streetId: STREET, communityId: OTHER_COMMUNITY }],
};
export const STREET_ADMIN: Actor = { openid: 'wx-street-wu', name: '吴刚', grants: [{ role: 'street_admin', streetId: STREET }] };
export const HOUSING = { id: 'dept-zhujian', name: '住建局' };
export const POLICE = { id: 'dept-gongan', name: '公安派出所' };
export const HOUSING_DEPT: Actor = { openid: 'wx-dept-zhujian', name: '冯军', grants: [{ role: 'department', departmentId: HOUSING.id }] };
export const POLICE_DEPT: Actor = { openid: 'wx-dept-gongan', name: '何平', grants: [{ role: 'department', departmentId: POLICE.id }] };
export const SYSTEM = SYSTEM_ACTOR;

// ——— categories ———

export function category(name: string): Category {
  const i = DEFAULT_CATEGORIES.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`no default category ${name}`);
  return { id: `cat-${i + 1}`, ...DEFAULT_CATEGORIES[i] };
}

// ——— playing a case through ———

export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`refused: ${r.error.code} ${r.error.message}`);
  return r.value;
}

export interface SubmitOptions {
  at: Date;
  category?: string;
  severity?: Severity;
  members?: readonly Member[];
  openWork?: Record<string, number>;
  isPublic?: boolean;
  policy?: TimePolicy;
  id?: string;
  by?: Actor;
  action?: 'submit' | 'patrol_report';
  description?: string;
}

let counter = 0;

/** A case and everything that happened to it, advanced one explicit step at a time. */
export class Story {
  case: Case;
  events: CaseEvent[];
  notices: Notice[];
  policy: TimePolicy;
  calendar: WorkCalendar;
  constructor(
    c: Case,
    events: CaseEvent[],
    notices: Notice[],
    policy: TimePolicy = THREE_DAY_POLICY,
    calendar: WorkCalendar = CHINA_CALENDAR,
  ) {
    this.case = c;
    this.policy = policy;
    this.calendar = calendar;
    this.events = [...events];
    this.notices = [...notices];
  }

  /** A resident submits (or a member reports from patrol); routing runs over the given members. */
  static submit(o: SubmitOptions): Story {
    const cat = category(o.category ?? '设施维修');
    const policy = o.policy ?? THREE_DAY_POLICY;
    const route = routeForCategory(cat, { gridId: GRID, members: o.members ?? GROUP, openWork: o.openWork ?? {} });
    const cmd: CreateCommand = { action: o.action ?? 'submit', route };
    const r = must(
      openCase(
        {
          id: o.id ?? `case-${String(++counter).padStart(6, '0')}`,
          place: PLACE,
          category: cat,
          description: o.description ?? '3栋2单元楼道灯坏了，晚上看不见',
          photos: ['before-1'],
          isPublic: o.isPublic ?? cat.defaultPublic,
          contactPhone: '13812345678',
          severity: o.severity,
          policyId: policy.id,
        },
        cmd,
        o.by ?? REPORTER,
        ctxAt(o.at, policy),
      ),
    );
    return new Story(r.case, r.events, r.notices, policy);
  }

  /** Tries a command; the story only moves on when it succeeds. */
  try(actor: Actor, cmd: Command, at: Date): Result<{ case: Case; events: CaseEvent[]; notices: Notice[] }> {
    const r = transition(this.case, cmd, actor, ctxAt(at, this.policy, this.calendar));
    if (r.ok) {
      this.case = r.value.case;
      this.events.push(...r.value.events);
      this.notices.push(...r.value.notices);
    }
    return r;
  }

  /** Does a command that must succeed. */
  do(actor: Actor, cmd: Command, at: Date): this {
    must(this.try(actor, cmd, at));
    return this;
  }

  /** A copy to branch from. */
  fork(): Story {
    return new Story(JSON.parse(JSON.stringify(this.case)) as Case, this.events, this.notices, this.policy, this.calendar);
  }

  get status(): Case['status'] {
    return this.case.status;
  }
  /** The actions of the timeline, oldest first. */
  get actions(): string[] {
    return this.events.map((e) => e.action);
  }
  noticesOf(kind: Notice['kind']): Notice[] {
    return this.notices.filter((n) => n.kind === kind);
  }
}

/** A transfer as the service would build it: route the wanted role, never back to the holder. */
export function transferTo(c: Case, toRole: MemberRole, reason: string, members: readonly Member[] = GROUP): Command {
  const route: Route = routeCase({
    role: toRole,
    because: '转派后',
    gridId: c.place.gridId,
    members,
    openWork: {},
    exclude: c.holder?.memberId ? [c.holder.memberId] : [],
  });
  return { action: 'transfer', toRole, reason, route };
}

export const RESOLVE: Command = { action: 'resolve', result: '已更换楼道灯泡，恢复照明', photos: ['after-1'] };
export const ACCEPT: Command = { action: 'accept' };

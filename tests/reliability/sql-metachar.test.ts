/**
 * SQL metacharacters in every filter of the four case lists (admin, board, member, resident):
 * a clean validation error or an empty / normal page, never a 500, and every table still there.
 */
import { rmSync } from 'node:fs';
import { BUILDING, P, REPAIR } from '../support/env';
import {
  call,
  cleanErrorProblem,
  fingerprint,
  login,
  startInProcessHost,
  tableNames,
  type Fingerprint,
  type InProcessHost,
  type Reply,
} from '../support/reliability-host';

const META = [
  "' OR 1=1 --",
  '"; DROP TABLE cases; --',
  '%',
  '_',
  '\\',
  "'); DELETE FROM events; --",
  '*',
  'cat-01%',
  'sf-yuyuan%',
  "sf-yuyuan' --",
];
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** Cursors that decode to the right shape but carry SQL, and ones that do not decode at all. */
const CURSORS = [
  ...META,
  b64(['c', "' OR 1=1 --", 'x']),
  b64(['d', '~', '"; DROP TABLE cases; --']),
  b64(['c', '%', '_']),
  b64(['c', '9999', "') OR ('1'='1"]),
  b64(['x', 'a', 'b']),
  b64({ key: 1 }),
  b64(['c', 1, 2]),
  Buffer.from([0xff, 0xfe, 0x00]).toString('base64url'),
];

let host: InProcessHost;
const tokens: Record<string, string> = {};
const mine: string[] = [];
let before: Fingerprint;
const TABLES = ['cases', 'events', 'outbox', 'inbox', 'refs', 'tallies', 'subscription_quotas'];

beforeAll(async () => {
  host = await startInProcessHost();
  for (const who of [P.resident, P.resident2, P.steward11, P.admin1, P.street, P.dept1]) tokens[who] = await login(host.url, who);
  for (let i = 0; i < 3; i++) {
    const r = await call(
      host.url,
      'resident',
      'submitCase',
      { requestId: `sql-00000${i}`, categoryId: REPAIR, buildingId: BUILDING, description: `第${i}件：楼道灯坏了`, isPublic: i !== 2 },
      tokens[P.resident],
    );
    mine.push(r.body.data.caseId);
  }
  before = fingerprint(host.dbFile);
});
afterAll(async () => {
  await host.close();
  rmSync(host.dataDir, { recursive: true, force: true });
});

interface Target {
  fn: string;
  action: string;
  who?: string;
  fields: Record<string, readonly string[]>;
  /** Every item a normal page may hold. */
  allowed: (item: { id: string }) => boolean;
}

const all = () => true;
const TARGETS: Target[] = [
  ...[P.admin1, P.street, P.dept1].map((who) => ({
    fn: 'admin',
    action: 'listCases',
    who,
    fields: {
      status: META,
      statuses: META,
      communityId: META,
      gridId: META,
      categoryId: META,
      severity: META,
      from: [...META, "2026-01-01' OR '1'='1", '2026-01-01T00:00:00Z; DROP TABLE cases'],
      to: META,
      cursor: CURSORS,
    },
    allowed: who === P.dept1 ? () => false : all,
  })),
  {
    fn: 'board',
    action: 'listCases',
    fields: { communityId: META, gridId: META, categoryId: META, status: META, cursor: CURSORS },
    allowed: (c) => c.id !== mine[2],
  },
  { fn: 'member', action: 'listTasks', who: P.steward11, fields: { status: META, cursor: CURSORS }, allowed: all },
  { fn: 'resident', action: 'listMyCases', who: P.resident2, fields: { status: META, cursor: CURSORS }, allowed: () => false },
  {
    fn: 'resident',
    action: 'listMyCases',
    who: P.resident,
    fields: { status: META, cursor: CURSORS },
    allowed: (c) => mine.includes(c.id),
  },
  {
    fn: 'resident',
    action: 'findSimilar',
    who: P.resident2,
    fields: { categoryId: META, buildingId: META },
    allowed: (c) => mine.includes(c.id),
  },
];

describe('SQL 元字符', () => {
  for (const t of TARGETS)
    it(`${t.fn}.${t.action}（${t.who ?? '未登录'}）的每个筛选条件：干净的校验错误或正常结果`, async () => {
      const base: Record<string, unknown> = t.action === 'findSimilar' ? { categoryId: REPAIR, buildingId: BUILDING } : {};
      const problems: string[] = [];
      let answered = 0;
      for (const [field, values] of Object.entries(t.fields))
        for (const v of values) {
          const r: Reply = await call(
            host.url,
            t.fn,
            t.action,
            { ...base, [field]: field === 'statuses' ? [v] : v },
            t.who ? tokens[t.who] : undefined,
          );
          if (r.body.ok) {
            answered++;
            const items = (r.body.data as { items: { id: string }[] }).items;
            if (!Array.isArray(items)) problems.push(`${field}=${v}: no items`);
            else for (const item of items) if (!t.allowed(item)) problems.push(`${field}=${v}: leaked ${item.id}`);
            if (items.length > 3) problems.push(`${field}=${v}: ${items.length} items`);
          } else {
            const p = cleanErrorProblem(r);
            if (p) problems.push(`${field}=${v}: ${p} ${JSON.stringify(r.body)}`);
            else if (!['INPUT.INVALID', 'AUTH.FORBIDDEN', 'PLACE.NOT_FOUND'].includes(r.body.error!.code))
              problems.push(`${field}=${v}: ${r.body.error!.code}`);
          }
        }
      expect(problems).toEqual([]);
      // Some metacharacters are legal in a field ('_' in an id): those get an ordinary answer.
      expect(answered).toBeGreaterThan(0);
    });

  it('之后所有表都还在，数据未被改动', () => {
    expect(tableNames(host.dbFile)).toEqual(expect.arrayContaining(TABLES));
    expect(fingerprint(host.dbFile)).toEqual(before);
  });
});

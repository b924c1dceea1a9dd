/**
 * Hostile input through the HTTP contract: every function, every action, generated bodies that are
 * invalid by construction, sent as residents, members, admins and without identity. Never a 500;
 * every refusal has a stable code and a Chinese message; nothing is written.
 */
import fc from 'fast-check';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS } from '../../backend/functions';
import { P } from '../support/env';
import {
  cleanErrorProblem,
  fingerprint,
  login,
  post,
  startInProcessHost,
  type Fingerprint,
  type InProcessHost,
} from '../support/reliability-host';
import { bodyPlan, buildBody, hostileValue, nest, type ActionSpec } from '../support/reliability-hostile';

let host: InProcessHost;
let initial: Fingerprint;
const identities: { name: string; token?: string }[] = [];
const files = (dir: string) => readdirSync(dir).sort();
let initialFiles: string[];

const SPECS: ActionSpec[] = Object.entries(FUNCTIONS).flatMap(([fn, f]) =>
  Object.entries(f.actions).map(([action, def]) => ({
    fn,
    action,
    input: def.input,
    keys: Object.keys((def.input as unknown as { shape?: Record<string, unknown> }).shape ?? {}),
  })),
);

beforeAll(async () => {
  host = await startInProcessHost();
  identities.push({ name: '未登录' });
  for (const who of [P.resident, P.steward11, P.admin1, P.street, P.dept1])
    identities.push({ name: who, token: await login(host.url, who) });
  identities.push({ name: '乱码令牌', token: 'abc.def.ghi' });
  initial = fingerprint(host.dbFile);
  initialFiles = [...files(join(host.dataDir, 'uploads')), ...files(join(host.dataDir, 'exports'))];
});
afterAll(async () => {
  await host.close();
  rmSync(host.dataDir, { recursive: true, force: true });
});

/** The reply to a hostile body must be a clean refusal. */
async function send(fn: string, body: unknown, token?: string): Promise<string | undefined> {
  const text = JSON.stringify(body) ?? 'null';
  const r = await post(host.url, `/api/${fn}`, text, token);
  const problem = cleanErrorProblem(r);
  return problem ? `${problem} for ${text.slice(0, 300)} → ${JSON.stringify(r.body).slice(0, 300)}` : undefined;
}

describe('恶意输入：每个云函数的每个操作', () => {
  it('每个操作的参数都是严格对象：未知字段一律拒绝', () => {
    expect(SPECS.length).toBeGreaterThan(60);
    for (const s of SPECS)
      expect(s.input.safeParse({ ...Object.fromEntries(s.keys.map((k) => [k, undefined])), unknownField: 1 }).success).toBe(false);
  });

  for (const spec of SPECS) {
    it(`${spec.fn}.${spec.action}：畸形请求得到干净的中文错误，且不写入`, async () => {
      await fc.assert(
        fc.asyncProperty(bodyPlan, fc.nat({ max: identities.length - 1 }), async (plan, who) => {
          const problem = await send(spec.fn, buildBody(spec, plan), identities[who]!.token);
          if (problem) throw new Error(`${identities[who]!.name}: ${problem}`);
        }),
        { numRuns: 30 },
      );
      const now = fingerprint(host.dbFile);
      expect(now).toEqual(initial);
    }, 60_000);
  }

  it('台账登记的内层字段：每种登记的每个字段换成恶意值，或多出字段', async () => {
    const ENTRIES: Record<string, Record<string, unknown>> = {
      hazard: { kind: 'hazard', venueCapacity: 40, fixableToday: false },
      dispute_risk: { kind: 'dispute_risk', color: 'red' },
      settled: { kind: 'settled' },
      follow_up: { kind: 'follow_up', note: '上门回访' },
    };
    const plan = fc.record({
      fn: fc.constantFrom('admin', 'member'),
      kind: fc.constantFrom(...Object.keys(ENTRIES)),
      field: fc.nat(),
      extra: fc.boolean(),
      value: hostileValue,
      who: fc.nat({ max: identities.length - 1 }),
    });
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const entry = { ...ENTRIES[p.kind]! };
        const keys = Object.keys(entry);
        if (p.extra) entry['extraField'] = p.value;
        else entry[keys[p.field % keys.length]!] = p.value;
        const problem = await send(p.fn, { action: 'recordLedger', caseId: 'C20261123090000abcdef', entry }, identities[p.who]!.token);
        if (problem) throw new Error(`${identities[p.who]!.name}: ${problem}`);
      }),
      { numRuns: 60 },
    );
    expect(fingerprint(host.dbFile)).toEqual(initial);
  }, 60_000);

  it('极端的请求体：深度嵌套、非 JSON、错误类型的正文、重复字段', async () => {
    const token = identities.find((i) => i.name === P.admin1)!.token;
    const raw = [
      '['.repeat(200_000) + ']'.repeat(200_000),
      '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
      `{"action":"getCase","caseId":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
      JSON.stringify({ action: 'listCases', cursor: nest(1000, 'array') }),
      '{"action":"getCase","caseId":"C1","caseId":{"$ne":null}}',
      '{"action":"listCases","__proto__":{"isAdmin":true}}',
      '{"action":"listCases","constructor":{"prototype":{"isAdmin":true}}}',
      '{"action":"listCases",}',
      '\ufeff{"action":"listCases"}x',
      '{"action":"\\ud800"}',
      '',
      'null',
      '"listCases"',
      '1e999999',
    ];
    for (const fn of Object.keys(FUNCTIONS))
      for (const body of raw) {
        const r = await post(host.url, `/api/${fn}`, body, token);
        expect(cleanErrorProblem(r)).toBeUndefined();
      }
    // The wrong content types.
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=utf-16',
    ]) {
      const res = await fetch(`${host.url}/api/admin`, {
        method: 'POST',
        headers: { 'content-type': type, authorization: `Bearer ${token}` },
        body: 'action=listCases',
      });
      const body = (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
      expect(cleanErrorProblem({ status: res.status, body })).toBeUndefined();
    }
    expect(fingerprint(host.dbFile)).toEqual(initial);
  }, 60_000);

  it('所有畸形请求之后：数据库、上传与导出目录都没有变化', () => {
    expect(fingerprint(host.dbFile)).toEqual(initial);
    expect([...files(join(host.dataDir, 'uploads')), ...files(join(host.dataDir, 'exports'))]).toEqual(initialFiles);
  });
});

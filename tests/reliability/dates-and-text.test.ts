/**
 * The calls a hostile tester made: impossible dates and far years in every date and period field
 * answer 400 with a Chinese message (never 500), and text without meaning — invisible characters,
 * emoji only, lone surrogates — is refused. Nothing is written.
 */
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { FUNCTIONS } from '../../backend/functions';
import { BUILDING, P, REPAIR } from '../support/env';
import { DATE_FIELDS, TEXT_FIELDS, baseParams, dateString, meaninglessText, type ActionSpec } from '../support/reliability-hostile';
import { call, cleanErrorProblem, fingerprint, login, post, startInProcessHost, type InProcessHost } from '../support/reliability-host';

let host: InProcessHost;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  host = await startInProcessHost();
  for (const who of [P.resident, P.admin1, P.street]) tokens[who] = await login(host.url, who);
});
afterAll(async () => {
  await host.close();
  rmSync(host.dataDir, { recursive: true, force: true });
});

const CJK = /[\u3400-\u9fff]/;

describe('日期与周期：无效日期与遥远的年份得到 400 和中文说明', () => {
  const CALLS: [string, string | undefined, string, Record<string, unknown>][] = [
    ['admin', P.resident, 'listCases', { from: '2026-13-45' }],
    ['admin', P.admin1, 'listCases', { from: '2026-13-45' }],
    ['admin', P.admin1, 'listCases', { to: '2026-02-30' }],
    ['admin', P.admin1, 'listCases', { from: '9999-12-31' }],
    ['admin', P.admin1, 'listCases', { from: '0001-01-01T00:00:00.000Z' }],
    ['admin', P.admin1, 'weeklyReport', { weekOf: '2026-13-01' }],
    ['admin', P.admin1, 'weeklyReport', { weekOf: '9999-12-31' }],
    ['admin', P.street, 'setHoliday', { date: '2026-12-32', workday: true, note: '调休' }],
    ['admin', P.street, 'setHoliday', { date: '9999-12-01', workday: true, note: '调休' }],
    ['admin', P.admin1, 'stats', { period: '9999-12', groupBy: 'grid' }],
    ['admin', P.admin1, 'stats', { period: '0999-01', groupBy: 'grid' }],
    ['admin', P.admin1, 'exportLedger', { kind: 'cases', period: '9999-12' }],
    ['board', undefined, 'summary', { period: '9999-12' }],
    ['board', undefined, 'summary', { period: '0999-01' }],
    ['board', undefined, 'rankings', { period: '2026-13' }],
    ['resident', P.resident, 'listMessages', { before: '2026-13-45T00:00:00.000Z' }],
  ];

  it.each(CALLS)('%s.%s（%s）%j', async (fn, who, action, params) => {
    const before = fingerprint(host.dbFile);
    const r = await call(host.url, fn, action, params, who ? tokens[who] : undefined);
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('INPUT.INVALID');
    expect(cleanErrorProblem(r)).toBeUndefined();
    expect(r.body.error?.message).toMatch(/日期|时间|月份/);
    expect(fingerprint(host.dbFile)).toEqual(before);
  });

  it('范围内的真实日期照常可用', async () => {
    expect((await call(host.url, 'admin', 'listCases', { from: '2026-02-28', to: '2026-03-01' }, tokens[P.admin1])).status).toBe(200);
    expect((await call(host.url, 'admin', 'weeklyReport', { weekOf: '2099-12-31' }, tokens[P.admin1])).status).toBe(200);
    expect((await call(host.url, 'board', 'summary', { period: '2000-01' })).status).toBe(200);
    expect((await call(host.url, 'board', 'summary', { period: '2099-Q4' })).status).toBe(200);
  });
});

describe('没有意义的文字被拒绝', () => {
  const submit = (requestId: string, description: string) =>
    call(
      host.url,
      'resident',
      'submitCase',
      { requestId, categoryId: REPAIR, buildingId: BUILDING, description, isPublic: true },
      tokens[P.resident],
    );

  it.each([
    ['三个零宽空格', '\u200b\u200b\u200b', /问题描述/],
    ['八个表情', '😀😀😀😀😀😀😀😀', /至少包含5个/],
    ['标点与空白', '！！！ ……  。。', /至少包含5个/],
    ['孤立的代理字符', '楼道灯坏了\ud800', /无法识别/],
    ['不可见字符撑起的长度', '灯\u200b坏\u2060了\ufeff', /至少包含5个/],
  ])('%s：400，中文说明，不写入', async (_name, description, message) => {
    const before = fingerprint(host.dbFile);
    // A lone surrogate survives only as a JSON escape: send the raw text.
    const body = JSON.stringify({
      action: 'submitCase',
      requestId: 'meaningless-01',
      categoryId: REPAIR,
      buildingId: BUILDING,
      description,
      isPublic: true,
    });
    const r = await post(host.url, '/api/resident', body, tokens[P.resident]);
    expect(r.status).toBe(400);
    expect(cleanErrorProblem(r)).toBeUndefined();
    expect(r.body.error?.message).toMatch(message);
    expect(fingerprint(host.dbFile)).toEqual(before);
  });

  it('补充说明只有零宽字符：拒绝', async () => {
    const ok = await submit('meaningful-01', '楼道灯坏了，晚上看不见');
    const caseId = ok.body.data.caseId as string;
    const r = await call(host.url, 'resident', 'supplementCase', { caseId, note: '\u200b\u200c\u200d\ufeff' }, tokens[P.resident]);
    expect(r.status).toBe(400);
    expect(r.body.error?.message).toMatch(CJK);
  });

  it('保存的文字不含不可见字符', async () => {
    const r = await submit('meaningful-02', '楼\u200b道\u200b灯坏了\u2060，晚上\ufeff看不见');
    expect(r.status).toBe(200);
    const c = await host.store.getCase(r.body.data.caseId as string);
    expect(c?.description).toBe('楼道灯坏了，晚上看不见');
  });
});

// ——— every action with a date, period or text field, fuzzed ———

const SPECS: ActionSpec[] = Object.entries(FUNCTIONS).flatMap(([fn, f]) =>
  Object.entries(f.actions).map(([action, def]) => ({
    fn,
    action,
    input: def.input,
    keys: Object.keys((def.input as unknown as { shape?: Record<string, unknown> }).shape ?? {}),
  })),
);
const WHO = [undefined, P.resident, P.admin1, P.street];

/** An independent oracle: a real calendar day (by the JavaScript calendar) in 2000–2099. */
function realDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 2099 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('模糊测试：每个含日期、周期或文字字段的操作', () => {
  const dated = SPECS.flatMap((s) => s.keys.filter((k) => DATE_FIELDS.has(k)).map((field) => ({ ...s, field })));
  const texted = SPECS.flatMap((s) => s.keys.filter((k) => TEXT_FIELDS.has(k)).map((field) => ({ ...s, field })));

  it('覆盖了所有日期与周期字段', () => {
    const names = dated.map((d) => `${d.fn}.${d.action}.${d.field}`);
    for (const must of [
      'admin.listCases.from',
      'admin.listCases.to',
      'admin.weeklyReport.weekOf',
      'admin.setHoliday.date',
      'admin.stats.period',
      'board.summary.period',
      'resident.listMessages.before',
    ])
      expect(names).toContain(must);
  });

  it.each(dated.map((d) => [`${d.fn}.${d.action}.${d.field}`, d] as const))(
    '%s：从不 5xx，无效日期一律 400',
    async (_n, spec) => {
      await fc.assert(
        fc.asyncProperty(dateString, fc.nat({ max: WHO.length - 1 }), async (value, who) => {
          const body = { action: spec.action, ...baseParams(spec.keys), [spec.field]: value };
          const r = await post(host.url, `/api/${spec.fn}`, body, WHO[who] ? tokens[WHO[who]!] : undefined);
          if (r.status >= 500) throw new Error(`${r.status} for ${JSON.stringify(body)}`);
          if (!r.body.ok && cleanErrorProblem(r)) throw new Error(`${cleanErrorProblem(r)} for ${JSON.stringify(body)}`);
          const dayOnly = spec.field === 'date' || spec.field === 'weekOf';
          if (dayOnly && !realDay(value) && r.status !== 400) throw new Error(`${value} answered ${r.status}`);
        }),
        { numRuns: 60 },
      );
    },
    60_000,
  );

  it.each(texted.map((t) => [`${t.fn}.${t.action}.${t.field}`, t] as const))(
    '%s：从不 5xx，残缺的文字一律 400',
    async (_n, spec) => {
      await fc.assert(
        fc.asyncProperty(meaninglessText, fc.nat({ max: WHO.length - 1 }), async (value, who) => {
          const body = JSON.stringify({ action: spec.action, ...baseParams(spec.keys), [spec.field]: value });
          const r = await post(host.url, `/api/${spec.fn}`, body, WHO[who] ? tokens[WHO[who]!] : undefined);
          if (r.status >= 500) throw new Error(`${r.status} for ${body}`);
          if (!r.body.ok && cleanErrorProblem(r)) throw new Error(`${cleanErrorProblem(r)} for ${body}`);
          if (LONE.test(value) && r.status !== 400) throw new Error(`lone surrogate answered ${r.status}: ${body}`);
        }),
        { numRuns: 25 },
      );
    },
    60_000,
  );
});

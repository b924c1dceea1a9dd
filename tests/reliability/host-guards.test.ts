/**
 * The local host's guards, as a hostile tester tried them: tokens after the demo login is switched
 * off, their lifetime, renewal and revocation; exports only for the admin who made them and only
 * for a day; an upload quota and the sweep of uploads never put on a case; the Host header;
 * `?token=` on API routes; a photo whose metadata is missing.
 */
import { existsSync, readdirSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { TOKEN_TTL_MS } from '../../host/tokens';
import { BUILDING, P, REPAIR } from '../support/env';
import { call, cleanErrorProblem, login, post, rawGet, startInProcessHost, type InProcessHost } from '../support/reliability-host';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const HOUR = 3_600_000;

async function upload(base: string, token: string | undefined, content: Buffer = PNG) {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'image/png' }), 'a.png');
  const res = await fetch(`${base}/api/upload`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    status: res.status,
    body: (await res.json()) as { ok: boolean; data?: { fileId: string }; error?: { code: string; message: string } },
  };
}

/** A request with any Host header (fetch would not let us set it). */
function withHost(base: string, method: string, path: string, host: string, body?: string): Promise<{ status: number; text: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers: { host, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const clock = { now: new Date('2026-11-23T01:00:00.000Z') };
const advance = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
let host: InProcessHost;
const t: Record<string, string> = {};

beforeAll(async () => {
  host = await startInProcessHost({ now: () => new Date(clock.now), uploadsPerDay: 5, allowedHosts: ['wuyuan.example.cn'] });
  for (const who of [P.resident, P.resident2, P.admin1, P.admin2]) t[who] = await login(host.url, who);
});
afterAll(async () => {
  await host.close();
  rmSync(host.dataDir, { recursive: true, force: true });
});

describe('令牌：较短的有效期、续期、演示登录关闭后失效、轮换密钥即全部作废', () => {
  it('令牌 12 小时后失效；有效期内可以续期，续期后的令牌继续可用', async () => {
    expect(TOKEN_TTL_MS).toBe(12 * HOUR);
    const token = await login(host.url, P.resident);
    advance(11 * HOUR);
    const renewed = await post(host.url, '/auth/renew', {}, token);
    expect(renewed.status).toBe(200);
    const fresh = renewed.body.data.token as string;
    expect(fresh).not.toBe(token);
    advance(2 * HOUR);
    expect((await call(host.url, 'resident', 'profile', {}, token)).status).toBe(401);
    expect((await post(host.url, '/auth/renew', {}, token)).status).toBe(401);
    expect((await call(host.url, 'resident', 'profile', {}, fresh)).status).toBe(200);
    // Keep the other tests' tokens fresh.
    for (const who of Object.keys(t)) t[who] = await login(host.url, who);
  });

  it('DEV_LOGIN=0 重启后，之前的演示令牌一律 401（包括街道管理员设置节假日）', async () => {
    const street = await login(host.url, P.street);
    const off = await startInProcessHost({ now: () => new Date(clock.now), dataDir: host.dataDir, devLogin: false });
    try {
      const r = await call(off.url, 'admin', 'setHoliday', { date: '2026-12-24', workday: false, note: '测试' }, street);
      expect(r.status).toBe(401);
      expect(r.body.error?.code).toBe('AUTH.INVALID_TOKEN');
      expect(cleanErrorProblem(r)).toBeUndefined();
      expect((await post(off.url, '/auth/renew', {}, street)).status).toBe(401);
      expect((await post(off.url, '/auth/dev-login', { openid: P.street })).status).toBe(404);
      expect(await off.store.getRef('holidays', '2026-12-24')).toBeUndefined();
    } finally {
      await off.close();
    }
  });

  it('轮换密钥（删除数据目录里的 token-secret 后重启）：所有旧令牌作废', async () => {
    const seeded = await startInProcessHost();
    await seeded.close();
    const dir = seeded.dataDir;
    const first = await startInProcessHost({ dataDir: dir });
    const token = await login(first.url, P.admin1);
    expect((await call(first.url, 'admin', 'listCases', {}, token)).status).toBe(200);
    await first.close();
    unlinkSync(join(dir, 'token-secret'));
    const second = await startInProcessHost({ dataDir: dir });
    try {
      expect((await call(second.url, 'admin', 'listCases', {}, token)).status).toBe(401);
    } finally {
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Host 头：只回答本机与配置的主机名', () => {
  it('Host: attacker.example 拿不到演示登录，也调不了接口', async () => {
    for (const [method, path, body] of [
      ['POST', '/auth/dev-login', JSON.stringify({ openid: P.street })],
      ['GET', '/auth/dev-personas', undefined],
      ['POST', '/api/board', JSON.stringify({ action: 'listCases' })],
      ['GET', '/', undefined],
    ] as const) {
      for (const name of ['attacker.example', 'attacker.example:80', '127.0.0.1.nip.io', 'localhost.attacker.example', 'a b', '[::2]']) {
        const r = await withHost(host.url, method, path, name, body);
        expect({ name, path, status: r.status }).toEqual({ name, path, status: 421 });
        expect(r.text).not.toMatch(/token/);
      }
    }
  });

  it('127.0.0.1、localhost（带端口、大小写）与 ALLOWED_HOSTS 里的名字照常回答', async () => {
    const port = new URL(host.url).port;
    for (const name of [`127.0.0.1:${port}`, `localhost:${port}`, 'LOCALHOST', 'wuyuan.example.cn', `wuyuan.example.cn:${port}`]) {
      const r = await withHost(host.url, 'POST', '/auth/dev-login', name, JSON.stringify({ openid: P.resident }));
      expect({ name, status: r.status }).toEqual({ name, status: 200 });
    }
  });
});

describe('?token= 只用于图片', () => {
  it('接口上的 ?token= 不算登录', async () => {
    const r = await post(host.url, `/api/resident?token=${encodeURIComponent(t[P.resident]!)}`, { action: 'profile' });
    expect(r.status).toBe(401);
    expect(r.body.error?.code).toBe('AUTH.REQUIRED');
    const up = await fetch(`${host.url}/api/upload?token=${encodeURIComponent(t[P.resident]!)}`, { method: 'POST', body: new FormData() });
    expect(up.status).toBe(401);
  });

  it('图片 GET 仍可用 ?token=（<img> 不能带请求头）', async () => {
    const r = await upload(host.url, t[P.resident2]);
    const id = r.body.data!.fileId;
    expect((await rawGet(host.url, `/files/${id}?token=${encodeURIComponent(t[P.resident2]!)}`)).status).toBe(200);
    expect((await rawGet(host.url, `/files/${id}`)).status).toBe(404);
  });
});

describe('导出文件：只给导出它的管理员，24 小时后过期并删除', () => {
  it('不带令牌 401；别人的令牌 404；自己的令牌 200；24 小时后 404 且被清理', async () => {
    const r = await call(host.url, 'admin', 'exportLedger', { kind: 'cases' }, t[P.admin1]);
    expect(r.status).toBe(200);
    const url = r.body.data.url as string;
    expect(url).toMatch(/^\/exports\/[a-f0-9]{24}-/);
    const id = url.slice('/exports/'.length);

    const anonymous = await rawGet(host.url, url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.toString()).not.toMatch(/PK/);
    expect((await rawGet(host.url, `${url}?token=${encodeURIComponent(t[P.admin1]!)}`)).status).toBe(401);
    for (const other of [P.admin2, P.resident])
      expect((await rawGet(host.url, url, { authorization: `Bearer ${t[other]}` })).status).toBe(404);
    const mine = await rawGet(host.url, url, { authorization: `Bearer ${t[P.admin1]}` });
    expect(mine.status).toBe(200);
    expect(mine.body.subarray(0, 2).toString()).toBe('PK');

    advance(23 * HOUR);
    t[P.admin1] = await login(host.url, P.admin1);
    expect((await rawGet(host.url, url, { authorization: `Bearer ${t[P.admin1]}` })).status).toBe(200);
    expect((await host.housekeep()).exports).toBe(0);
    advance(2 * HOUR);
    t[P.admin1] = await login(host.url, P.admin1);
    expect((await rawGet(host.url, url, { authorization: `Bearer ${t[P.admin1]}` })).status).toBe(404);
    expect((await host.housekeep()).exports).toBeGreaterThanOrEqual(2);
    expect(readdirSync(join(host.dataDir, 'exports')).filter((f) => f.startsWith(id))).toEqual([]);
    for (const who of Object.keys(t)) t[who] = await login(host.url, who);
  });
});

describe('上传：每人每天的配额；没有用在诉求上的照片一天后删除', () => {
  it('并发上传 15 张，只保留配额内的 5 张，其余 429 中文提示；第二天可以继续', async () => {
    const who = await login(host.url, 'demo-resident-3');
    const replies = await Promise.all(Array.from({ length: 15 }, () => upload(host.url, who)));
    const kept = replies.filter((r) => r.status === 200);
    expect(kept).toHaveLength(5);
    for (const r of replies.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(429);
      expect(r.body.error?.code).toBe('RATE.LIMITED');
      expect(r.body.error?.message).toMatch(/每人每天最多上传5个文件（照片或表格）/);
    }
    const files = readdirSync(join(host.dataDir, 'uploads'));
    for (const r of kept) expect(files).toContain(r.body.data!.fileId);
    expect(files.filter((f) => !f.endsWith('.json')).length).toBe(files.filter((f) => f.endsWith('.json')).length);
    // Another person has their own quota.
    expect((await upload(host.url, await login(host.url, 'demo-resident-4'))).status).toBe(200);
    advance(24 * HOUR);
    const again = await login(host.url, 'demo-resident-3');
    expect((await upload(host.url, again)).status).toBe(200);
    for (const w of Object.keys(t)) t[w] = await login(host.url, w);
  });

  it('一天后：用在诉求上的照片保留，没用上的（包括提交失败时带过的）被删除', async () => {
    const token = await login(host.url, 'demo-resident-5');
    const used = (await upload(host.url, token)).body.data!.fileId;
    const unused = (await upload(host.url, token)).body.data!.fileId;
    const failed = (await upload(host.url, token)).body.data!.fileId;
    const ok = await call(
      host.url,
      'resident',
      'submitCase',
      {
        requestId: 'sweep-00001',
        categoryId: REPAIR,
        buildingId: BUILDING,
        description: '楼道灯坏了，晚上看不见',
        isPublic: false,
        photos: [used],
      },
      token,
    );
    expect(ok.status).toBe(200);
    // An action that carries a photo and fails does not keep it.
    const bad = await call(
      host.url,
      'resident',
      'supplementCase',
      { caseId: 'C20261123090000zzzzzz', note: '补充照片', photos: [failed] },
      token,
    );
    expect(bad.status).toBe(404);

    const dir = join(host.dataDir, 'uploads');
    advance(12 * HOUR);
    await host.housekeep();
    for (const id of [used, unused, failed]) expect(existsSync(join(dir, id))).toBe(true);
    advance(13 * HOUR);
    await host.housekeep();
    expect(existsSync(join(dir, used))).toBe(true);
    expect(existsSync(join(dir, `${used}.json`))).toBe(true);
    for (const id of [unused, failed]) {
      expect(existsSync(join(dir, id))).toBe(false);
      expect(existsSync(join(dir, `${id}.json`))).toBe(false);
    }
    // The kept photo is still served on its case.
    const caseId = ok.body.data.caseId as string;
    expect(
      (await rawGet(host.url, `/files/${used}?caseId=${caseId}`, { authorization: `Bearer ${await login(host.url, 'demo-resident-5')}` }))
        .status,
    ).toBe(200);
  });
});

describe('照片的元数据文件缺失：404，而不是 500；写入不会只留下一半', () => {
  it('删掉元数据后 GET /files/<id> 得到 404；孤立的图片一天后被清理', async () => {
    const token = await login(host.url, P.resident2);
    const id = (await upload(host.url, token)).body.data!.fileId;
    const dir = join(host.dataDir, 'uploads');
    unlinkSync(join(dir, `${id}.json`));
    for (const headers of [{}, { authorization: `Bearer ${token}` }] as Record<string, string>[]) {
      const r = await rawGet(host.url, `/files/${id}`, headers);
      expect(r.status).toBe(404);
      expect(JSON.parse(r.body.toString()).error.code).toBe('FILE.NOT_FOUND');
    }
    // It can no longer be put on a case either.
    const attach = await call(
      host.url,
      'resident',
      'submitCase',
      {
        requestId: 'orphan-0001',
        categoryId: REPAIR,
        buildingId: BUILDING,
        description: '楼道灯坏了，晚上看不见',
        isPublic: false,
        photos: [id],
      },
      token,
    );
    expect(attach.body.error?.code).toBe('FILE.NOT_FOUND');
    // A broken metadata file is the same as a missing one.
    const other = (await upload(host.url, token)).body.data!.fileId;
    writeFileSync(join(dir, `${other}.json`), '{"own');
    expect((await rawGet(host.url, `/files/${other}`, { authorization: `Bearer ${token}` })).status).toBe(404);

    // The sweep goes by the file's age for an orphan: make it two days old.
    const old = new Date(clock.now.getTime() - 2 * 24 * HOUR);
    utimesSync(join(dir, id), old, old);
    writeFileSync(join(dir, '.tmp-deadbeef'), 'half');
    utimesSync(join(dir, '.tmp-deadbeef'), old, old);
    await host.housekeep();
    expect(existsSync(join(dir, id))).toBe(false);
    expect(existsSync(join(dir, '.tmp-deadbeef'))).toBe(false);
  });

  it('上传只在图片与元数据都写好后才出现：目录里没有半截的临时文件，每张图片都有元数据', async () => {
    const token = await login(host.url, 'demo-resident-6');
    await Promise.all(Array.from({ length: 5 }, () => upload(host.url, token)));
    const files = readdirSync(join(host.dataDir, 'uploads'));
    expect(files.filter((f) => f.startsWith('.tmp-'))).toEqual([]);
    for (const f of files.filter((x) => /\.(png|jpg|webp)$/.test(x))) expect(files).toContain(`${f}.json`);
  });
});

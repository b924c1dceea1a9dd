/**
 * The local host over real HTTP: the contract, identity, idempotency under parallel retries,
 * the concurrent-accept race, restarts, uploads and the security headers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SqliteStore } from '../../backend/store/sqlite-store';
import { seedDemoStreet } from '../../backend/seed/demo-street';
import { invalidateDirectory } from '../../backend/services/directory';
import { buildHost } from '../../host/server';
import { BUILDING, P, REPAIR } from '../support/env';
import { csvBytes, HOTLINE_HEADER, ticketRow, xlsxBytes } from '../support/hotline-sheets';

interface Host {
  url: string;
  close(): Promise<void>;
}

let dataDir: string;

async function startHost(devLogin = true): Promise<Host> {
  const store = SqliteStore.open(join(dataDir, 'wuyuan.sqlite'));
  if (!(await store.getRef('streets', 'shuangfu'))) await seedDemoStreet(store, new Date(), 0);
  invalidateDirectory(store);
  const { app } = await buildHost({ store, dataDir, devLogin });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

// Replies are JSON whose shape each test asserts itself.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function post(host: Host, path: string, body: unknown, token?: string) {
  const res = await fetch(host.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as { ok: boolean; data?: Json; error?: { code: string; message: string } },
  };
}

async function login(host: Host, openid: string): Promise<string> {
  const r = await post(host, '/auth/dev-login', { openid });
  expect(r.status).toBe(200);
  return r.body.data.token as string;
}

let host: Host;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wuyuan-host-'));
  host = await startHost();
});
afterEach(async () => {
  await host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const submitBody = (requestId: string) => ({
  action: 'submitCase',
  requestId,
  categoryId: REPAIR,
  buildingId: BUILDING,
  description: '楼道灯坏了',
  isPublic: true,
});

describe('本地服务的 HTTP 约定', () => {
  it('列出演示身份并登录；调用带身份', async () => {
    const res = await fetch(`${host.url}/auth/dev-personas`);
    const personas = (await res.json()) as { data: { items: { openid: string; roles: string[] }[] } };
    const roles = new Set(personas.data.items.flatMap((p) => p.roles));
    for (const r of [
      'resident',
      'party_leader',
      'resident_leader',
      'grid_worker',
      'owners_committee',
      'building_steward',
      'community_admin',
      'street_admin',
      'department',
    ])
      expect(roles).toContain(r);
    const token = await login(host, P.resident);
    const r = await post(host, '/api/resident', submitBody('http-00001'), token);
    expect(r.status).toBe(200);
    expect(r.body.data.status).toBe('assigned');
  });

  it.each([
    ['未知的云函数', '/api/nope', { action: 'x' }, 404, 'INPUT.UNKNOWN_ACTION'],
    ['未知的操作', '/api/resident', { action: 'dropTables' }, 400, 'INPUT.UNKNOWN_ACTION'],
    ['不是 JSON', '/api/resident', '{"action":', 400, 'INPUT.INVALID'],
    ['不是对象', '/api/resident', '[1,2]', 400, 'INPUT.INVALID'],
  ])('%s 得到中文错误', async (_name, path, body, status, code) => {
    const r = await post(host, path, body);
    expect(r.status).toBe(status);
    expect(r.body.ok).toBe(false);
    expect(r.body.error?.code).toBe(code);
    expect(r.body.error?.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('伪造或过期的令牌得到 401', async () => {
    const token = await login(host, P.resident);
    const [who, exp] = token.split('.');
    const forged = `${Buffer.from(P.admin1).toString('base64url')}.${exp}.${token.split('.')[2]}`;
    expect((await post(host, '/api/resident', { action: 'listMyCases' }, forged)).status).toBe(401);
    const expired = `${who}.1000.${token.split('.')[2]}`;
    expect((await post(host, '/api/resident', { action: 'listMyCases' }, expired)).status).toBe(401);
  });

  it('过大的请求体得到 413，且不写入', async () => {
    const token = await login(host, P.resident);
    const huge = { ...submitBody('huge-00001'), description: 'x'.repeat(2 * 1024 * 1024) };
    const r = await post(host, '/api/resident', huge, token);
    expect(r.status).toBe(413);
    const mine = await post(host, '/api/resident', { action: 'listMyCases' }, token);
    expect(mine.body.data.items).toHaveLength(0);
  });

  it('安全响应头齐全，不开放跨域', async () => {
    const res = await fetch(`${host.url}/auth/dev-personas`, { headers: { origin: 'http://evil.example' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('幂等与并发', () => {
  it('同一 requestId 并发重试 20 次只产生一件诉求', async () => {
    const token = await login(host, P.resident);
    const replies = await Promise.all(Array.from({ length: 20 }, () => post(host, '/api/resident', submitBody('same-req-001'), token)));
    const ids = new Set(replies.map((r) => r.body.data?.caseId));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(ids.size).toBe(1);
    const mine = await post(host, '/api/resident', { action: 'listMyCases' }, token);
    expect(mine.body.data.items).toHaveLength(1);
  });

  it('50 个并发受理只有一个成功，其余得到 CASE.CONFLICT 或状态错误', async () => {
    const resident = await login(host, P.resident);
    const steward = await login(host, P.steward11);
    const { body } = await post(host, '/api/resident', submitBody('race-000001'), resident);
    const caseId = body.data.caseId as string;
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => post(host, '/api/member', { action: 'acceptCase', caseId }, steward)),
    );
    const wins = replies.filter((r) => r.body.ok);
    expect(wins).toHaveLength(1);
    for (const r of replies.filter((x) => !x.body.ok)) {
      expect(['CASE.CONFLICT', 'CASE.INVALID_TRANSITION']).toContain(r.body.error?.code);
      expect(r.status).toBe(409);
    }
    const detail = await post(host, '/api/member', { action: 'getCase', caseId }, steward);
    expect(detail.body.data.case.version).toBe(2);
    expect(detail.body.data.timeline.filter((e: { action: string }) => e.action === 'accept')).toHaveLength(1);
  });
});

describe('重启', () => {
  it('重启后已确认的诉求都在', async () => {
    const token = await login(host, P.resident);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await post(host, '/api/resident', submitBody(`restart-${i}000`), token)).body.data.caseId);
    await host.close();
    host = await startHost();
    const token2 = await login(host, P.resident);
    const mine = await post(host, '/api/resident', { action: 'listMyCases' }, token2);
    expect(mine.body.data.items.map((c: { id: string }) => c.id).sort()).toEqual(ids.sort());
  });

  it('DEV_LOGIN=0 时演示登录路由返回 404', async () => {
    await host.close();
    host = await startHost(false);
    expect((await fetch(`${host.url}/auth/dev-personas`)).status).toBe(404);
    expect((await post(host, '/auth/dev-login', { openid: P.admin1 })).status).toBe(404);
  });
});

describe('照片上传', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const upload = async (token: string | undefined, content: Buffer, name: string, type: string) => {
    const form = new FormData();
    form.append('file', new Blob([content], { type }), name);
    const res = await fetch(`${host.url}/api/upload`, {
      method: 'POST',
      body: form,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, body: (await res.json()) as { ok: boolean; data?: { fileId: string }; error?: { code: string } } };
  };

  it('只接受真正的图片，只给有权查看的人', async () => {
    const token = await login(host, P.resident);
    const ok = await upload(token, png, 'a.png', 'image/png');
    expect(ok.status).toBe(200);
    const fileId = ok.body.data!.fileId;
    expect(fileId).toMatch(/\.png$/);
    expect((await upload(token, Buffer.from('<svg onload="alert(1)"/>'), 'x.svg', 'image/svg+xml')).body.error?.code).toBe('FILE.INVALID');
    expect((await upload(token, Buffer.from('<?php system($_GET[1]); ?>'), 'shell.jpg', 'image/jpeg')).body.error?.code).toBe(
      'FILE.INVALID',
    );
    expect((await upload(undefined, png, 'a.png', 'image/png')).status).toBe(401);
    const own = await fetch(`${host.url}/files/${fileId}?token=${encodeURIComponent(token)}`);
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('image/png');
    const other = await login(host, P.resident2);
    expect((await fetch(`${host.url}/files/${fileId}?token=${encodeURIComponent(other)}`)).status).toBe(404);
    expect((await fetch(`${host.url}/files/..%2F..%2Fwuyuan.sqlite`)).status).toBe(404);
    expect((await fetch(`${host.url}/files/${fileId}`)).status).toBe(404);
  });

  it('只能附上自己上传的照片', async () => {
    const owner = await login(host, P.resident);
    const thief = await login(host, P.resident2);
    const fileId = (await upload(owner, png, 'a.png', 'image/png')).body.data!.fileId;
    const stolen = await post(host, '/api/resident', { ...submitBody('steal-00001'), photos: [fileId] }, thief);
    expect(stolen.body.error?.code).toBe('FILE.NOT_FOUND');
    const made = await post(host, '/api/resident', { ...submitBody('own-000001'), photos: [fileId] }, owner);
    expect(made.body.ok).toBe(true);
    const mine = await post(host, '/api/resident', { action: 'listMyCases' }, thief);
    expect(mine.body.data.items).toHaveLength(0);
  });

  it('超过 10MB 的图片被拒绝', async () => {
    const token = await login(host, P.resident);
    const big = Buffer.concat([png, Buffer.alloc(11 * 1024 * 1024)]);
    const r = await upload(token, big, 'big.png', 'image/png');
    expect(r.status).toBe(413);
  });
});

describe('12345工单表格上传', () => {
  const upload = async (token: string, content: Uint8Array, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([content]), name);
    const res = await fetch(`${host.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    return {
      status: res.status,
      body: (await res.json()) as { ok: boolean; data?: { fileId: string }; error?: { code: string; message: string } },
    };
  };

  it('收下 .xlsx 和 .csv，只给上传者本人导入；不作为图片显示，也不能当照片附上', async () => {
    const admin = await login(host, P.admin1);
    const xlsx = await upload(admin, await xlsxBytes([HOTLINE_HEADER, ticketRow(1)]), '工单.xlsx');
    expect(xlsx.body.data?.fileId).toMatch(/^[a-f0-9]{32}\.xlsx$/);
    const csv = await upload(admin, csvBytes([HOTLINE_HEADER, ticketRow(2)], 'gb18030'), 'gd.CSV');
    expect(csv.body.data?.fileId).toMatch(/\.csv$/);
    // The name and the bytes must agree: a text file named .xlsx, a zip named .csv.
    expect((await upload(admin, new TextEncoder().encode('工单号,诉求内容'), 'a.xlsx')).body.error?.code).toBe('FILE.INVALID');
    expect((await upload(admin, await xlsxBytes([['x']]), 'a.csv')).body.error?.code).toBe('FILE.INVALID');
    const big = await upload(admin, new Uint8Array(2 * 1024 * 1024 + 1).fill(0x41), 'big.csv');
    expect(big.body.error).toEqual({ code: 'INPUT.TOO_LARGE', message: '表格文件不能超过2MB，请拆分后分批导入' });

    const preview = await post(host, '/api/intake', { action: 'hotlinePreview', fileId: csv.body.data!.fileId }, admin);
    expect(preview.body.data.rows[0]).toMatchObject({ ticketNo: 'GD26120002', contactName: '周大爷', status: 'new' });
    const other = await login(host, P.admin2);
    const stolen = await post(host, '/api/intake', { action: 'hotlinePreview', fileId: csv.body.data!.fileId }, other);
    expect(stolen.body.error?.code).toBe('FILE.NOT_FOUND');

    expect((await fetch(`${host.url}/files/${xlsx.body.data!.fileId}?token=${encodeURIComponent(admin)}`)).status).toBe(404);
    const asPhoto = await post(host, '/api/resident', { ...submitBody('sheet-photo-1'), photos: [xlsx.body.data!.fileId] }, admin);
    expect(['INPUT.INVALID', 'FILE.NOT_FOUND']).toContain(asPhoto.body.error?.code);
  });
});

/**
 * Uploads and identity under attack: traversal in upload names and in `/files/` paths, photos
 * served only to those allowed, a 50 MB upload refused without the host's memory growing much,
 * tokens signed with another secret or for nobody, and the demo login switched off.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { issueToken } from '../../host/tokens';
import { BUILDING, P, REPAIR } from '../support/env';
import {
  call,
  login,
  post,
  rawGet,
  rssOfTree,
  sleep,
  spawnHost,
  startInProcessHost,
  tempDir,
  type ChildHost,
  type InProcessHost,
} from '../support/reliability-host';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);

async function upload(base: string, token: string | undefined, content: Buffer, name: string, type = 'image/png', field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([content], { type }), name);
  const res = await fetch(`${base}/api/upload`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    status: res.status,
    body: (await res.json()) as { ok: boolean; data?: { fileId: string }; error?: { code: string; message: string } },
  };
}

/** Every file under a folder, relative paths. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n), `${prefix}${n}/`) : [`${prefix}${n}`]));
}

describe('上传与身份（本进程内的服务）', () => {
  let host: InProcessHost;
  const t: Record<string, string> = {};
  beforeAll(async () => {
    host = await startInProcessHost();
    for (const who of [P.resident, P.resident2, P.steward11, P.steward12, P.admin1, P.admin2, P.street])
      t[who] = await login(host.url, who);
  });
  afterAll(async () => {
    await host.close();
    rmSync(host.dataDir, { recursive: true, force: true });
  });

  it('文件名里的 ../ 不会让文件落到上传目录之外', async () => {
    const before = walk(host.dataDir);
    const names = [
      '../../evil.png',
      '..\\..\\evil.png',
      '/etc/evil.png',
      'a/../../../evil.png',
      '%2e%2e%2fevil.png',
      '..%2F..%2Fevil.png',
      'evil\u0000.png',
      `${'长'.repeat(300)}.png`,
      '.htaccess',
      'wuyuan.sqlite',
      'token-secret',
    ];
    const ids: string[] = [];
    for (const name of names) {
      const r = await upload(host.url, t[P.resident], PNG, name);
      expect(r.status).toBe(200);
      expect(r.body.data!.fileId).toMatch(/^[a-f0-9]{32}\.png$/);
      ids.push(r.body.data!.fileId);
    }
    const added = walk(host.dataDir).filter((f) => !before.includes(f));
    expect(added.sort()).toEqual(ids.flatMap((id) => [`uploads/${id}`, `uploads/${id}.json`]).sort());
    expect(existsSync(join(host.dataDir, '..', 'evil.png'))).toBe(false);
    expect(existsSync(join(host.dataDir, 'evil.png'))).toBe(false);
    // The stored database and secret are untouched by uploads named after them.
    expect(readFileSync(join(host.dataDir, 'wuyuan.sqlite')).subarray(0, 15).toString()).toBe('SQLite format 3');
    // Wrong field name, two files, a text file with an image name: refused.
    expect((await upload(host.url, t[P.resident], PNG, 'a.png', 'image/png', 'photo')).body.error?.code).toBe('FILE.INVALID');
    expect((await upload(host.url, t[P.resident], Buffer.from('GIF89a'), 'a.png')).body.error?.code).toBe('FILE.INVALID');
    const two = new FormData();
    two.append('file', new Blob([PNG], { type: 'image/png' }), 'a.png');
    two.append('file', new Blob([PNG], { type: 'image/png' }), 'b.png');
    const res = await fetch(`${host.url}/api/upload`, { method: 'POST', body: two, headers: { authorization: `Bearer ${t[P.resident]}` } });
    expect(res.status).toBeLessThan(500);
    await res.arrayBuffer();
  });

  it('/files/ 路径的各种编码穿越都得到 404，不泄露任何文件', async () => {
    const r = await upload(host.url, t[P.resident], PNG, 'a.png');
    const fileId = r.body.data!.fileId;
    const stem = fileId.replace(/\.png$/, '');
    const secret = readFileSync(join(host.dataDir, 'token-secret'), 'utf8').trim();
    const paths = [
      '/files/..%2F..%2Fwuyuan.sqlite',
      '/files/..%2fwuyuan.sqlite',
      '/files/%2e%2e%2fwuyuan.sqlite',
      '/files/%2e%2e/wuyuan.sqlite',
      '/files/../wuyuan.sqlite',
      '/files/..%5cwuyuan.sqlite',
      '/files/..%255c..%255cwuyuan.sqlite',
      '/files/%252e%252e%252fwuyuan.sqlite',
      '/files/....//wuyuan.sqlite',
      '/files/%c0%ae%c0%ae%c0%afwuyuan.sqlite',
      '/files/..%c0%af..%c0%afwuyuan.sqlite',
      '/files/%2e%2e%2f%2e%2e%2ftoken-secret',
      '/files/token-secret',
      '/files/..%2Ftoken-secret',
      '/files/%2F..%2F..%2Fetc%2Fpasswd',
      '/files//etc/passwd',
      `/files/${fileId}%00.png`,
      `/files/${fileId}.json`,
      `/files/${stem}.png%2Ejson`,
      `/files/${fileId}/..%2F..%2Fwuyuan.sqlite`,
      `/files/${fileId}%2F..%2F..%2Fwuyuan.sqlite`,
      `/files/${'a'.repeat(32)}.png`,
      '/files/aaaaaaaaaaaaaaaa.png/../../wuyuan.sqlite',
      `/files/${'%2e%2e%2f'.repeat(40)}etc%2Fpasswd`,
      '/exports/..%2Fwuyuan.sqlite',
      `/exports/${'a'.repeat(24)}-..%2F..%2Fwuyuan.sqlite`,
      `/exports/${'a'.repeat(24)}-..`,
      '/uploads/' + fileId,
      '/token-secret',
      '/wuyuan.sqlite',
    ];
    for (const path of paths)
      for (const auth of [{}, { authorization: `Bearer ${t[P.resident]}` }, { authorization: `Bearer ${t[P.admin1]}` }] as Record<
        string,
        string
      >[]) {
        const res = await rawGet(host.url, path, auth);
        const text = res.body.toString('latin1');
        expect({ path, status: res.status < 500 && res.status >= 400 }).toEqual({ path, status: true });
        expect(text).not.toContain('SQLite format 3');
        expect(text).not.toContain(secret);
        expect(text).not.toContain('"owner"');
        expect(text).not.toContain('root:');
      }
    // The real file is still served to its owner.
    expect((await rawGet(host.url, `/files/${fileId}`, { authorization: `Bearer ${t[P.resident]}` })).status).toBe(200);
  });

  it('照片只给有权的人：上传者；案件的报告人、办理人、本社区管理员；审核通过且公开后才给所有人', async () => {
    const photo = (await upload(host.url, t[P.resident], JPG, 'p.jpg', 'image/jpeg')).body.data!.fileId;
    const other = (await upload(host.url, t[P.resident], PNG, 'q.png')).body.data!.fileId;
    const sub = await call(
      host.url,
      'resident',
      'submitCase',
      { requestId: 'acl-000001', categoryId: REPAIR, buildingId: BUILDING, description: '楼道灯坏了', isPublic: true, photos: [photo] },
      t[P.resident],
    );
    const caseId = sub.body.data.caseId as string;
    const priv = await call(
      host.url,
      'resident',
      'submitCase',
      { requestId: 'acl-000002', categoryId: REPAIR, buildingId: BUILDING, description: '私密诉求内容', isPublic: false, photos: [other] },
      t[P.resident],
    );
    const privId = priv.body.data.caseId as string;
    const decoy = await call(
      host.url,
      'resident',
      'submitCase',
      { requestId: 'acl-000003', categoryId: REPAIR, buildingId: BUILDING, description: '别人的诉求', isPublic: true },
      t[P.resident2],
    );
    const decoyId = decoy.body.data.caseId as string;

    const see = async (fileId: string, who?: string, onCase?: string) => {
      const q = [onCase ? `caseId=${encodeURIComponent(onCase)}` : '', who ? `token=${encodeURIComponent(t[who]!)}` : '']
        .filter(Boolean)
        .join('&');
      const res = await fetch(`${host.url}/files/${fileId}${q ? `?${q}` : ''}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      if (res.status === 200) expect(bytes.equals(fileId.endsWith('.jpg') ? JPG : PNG)).toBe(true);
      return res.status;
    };

    // Before approval.
    expect(await see(photo, P.resident)).toBe(200); // the uploader, with or without the case
    expect(await see(photo, P.resident, caseId)).toBe(200);
    expect(await see(photo, P.steward11, caseId)).toBe(200); // the holder
    expect(await see(photo, P.admin1, caseId)).toBe(200); // the community's admin
    expect(await see(photo, P.street, caseId)).toBe(200); // the street's admin
    expect(await see(photo, P.steward11)).toBe(404); // the holder without saying which case
    expect(await see(photo, P.resident2, caseId)).toBe(404);
    expect(await see(photo, P.admin2, caseId)).toBe(404); // another community's admin
    expect(await see(photo, P.steward12, caseId)).toBe(404); // a member of another grid
    expect(await see(photo, undefined, caseId)).toBe(404);
    expect(await see(photo, P.resident2, decoyId)).toBe(404); // a case the photo is not on

    // An admin of another community cannot approve it; the community's admin can.
    expect((await call(host.url, 'admin', 'approvePhotos', { caseId, fileIds: 'all', approved: true }, t[P.admin2])).body.ok).toBe(false);
    expect(await see(photo, undefined, caseId)).toBe(404);
    const approved = await call(host.url, 'admin', 'approvePhotos', { caseId, fileIds: [photo], approved: true }, t[P.admin1]);
    expect(approved.status).toBe(200);
    expect(await see(photo, undefined, caseId)).toBe(200);
    expect(await see(photo, P.resident2, caseId)).toBe(200);
    expect(await see(photo)).toBe(404); // still not without the case
    expect(await see(photo, undefined, decoyId)).toBe(404);
    expect(await see(photo, undefined, `${caseId}x`)).toBe(404);
    expect(await see(photo, undefined, 'x'.repeat(200))).toBe(404);

    // Approved on a private case: still only the people of the case.
    expect((await call(host.url, 'admin', 'approvePhotos', { caseId: privId, fileIds: 'all', approved: true }, t[P.admin1])).status).toBe(
      200,
    );
    expect(await see(other, undefined, privId)).toBe(404);
    expect(await see(other, P.resident2, privId)).toBe(404);
    expect(await see(other, P.steward11, privId)).toBe(200);

    // Withdrawing approval hides it again; making the case private hides it too.
    await call(host.url, 'admin', 'approvePhotos', { caseId, fileIds: [photo], approved: false }, t[P.admin1]);
    expect(await see(photo, undefined, caseId)).toBe(404);
    await call(host.url, 'admin', 'approvePhotos', { caseId, fileIds: [photo], approved: true }, t[P.admin1]);
    await call(host.url, 'admin', 'setCasePublic', { caseId, isPublic: false }, t[P.admin1]);
    expect(await see(photo, undefined, caseId)).toBe(404);
  });

  it('用其他密钥签名的令牌被拒绝；不存在的身份只是没有任何权限的居民', async () => {
    const now = Date.now();
    const foreign = issueToken(randomBytes(32), P.admin1, now);
    for (const [fn, action] of [
      ['admin', 'listCases'],
      ['resident', 'profile'],
      ['board', 'listCases'],
    ] as const) {
      const r = await call(host.url, fn, action, {}, foreign);
      expect(r.status).toBe(401);
      expect(r.body.error?.code).toBe('AUTH.INVALID_TOKEN');
    }
    expect((await upload(host.url, foreign, PNG, 'a.png')).status).toBe(401);
    // Tokens that are not even tokens.
    for (const bad of ['', '.', '..', 'a.b.c.d', `${'a'.repeat(600)}.1.x`, 'x'.repeat(10_000)]) {
      const r = await call(host.url, 'resident', 'profile', {}, bad);
      expect(r.status).toBeLessThan(500);
      expect(r.body.ok).toBe(false);
    }

    const secret = Buffer.from(readFileSync(join(host.dataDir, 'token-secret'), 'utf8').trim(), 'hex');
    const someCase = (await call(host.url, 'admin', 'listCases', {}, t[P.admin1])).body.data.items[0].id as string;
    for (const ghost of ['nobody-at-all', 'system', 'community:sf-yuyuan', 'demo-admin-1 ', '__proto__']) {
      const token = issueToken(secret, ghost, now);
      const profile = await call(host.url, 'resident', 'profile', {}, token);
      expect(profile.status).toBe(200);
      expect(profile.body.data).toMatchObject({ roles: ['resident'], isMember: false, isAdmin: false });
      for (const [fn, action, params] of [
        ['admin', 'listCases', {}],
        ['admin', 'dashboard', {}],
        ['admin', 'getCase', { caseId: someCase }],
        ['admin', 'listMembers', {}],
        ['admin', 'exportLedger', { kind: 'cases' }],
        ['admin', 'approvePhotos', { caseId: someCase, fileIds: 'all', approved: true }],
        ['member', 'listTasks', {}],
        ['member', 'acceptCase', { caseId: someCase }],
        ['resident', 'getCase', { caseId: someCase }],
        ['resident', 'withdrawCase', { caseId: someCase }],
      ] as const) {
        const r = await call(host.url, fn, action, params, token);
        expect({ ghost, fn, action, ok: r.body.ok }).toEqual({ ghost, fn, action, ok: false });
        expect([403, 404]).toContain(r.status);
      }
      const mine = await call(host.url, 'resident', 'listMyCases', {}, token);
      expect(mine.body.data.items).toEqual([]);
    }
    // Nothing of an admin's leaked into the case either.
    const c = await host.store.getCase(someCase);
    expect(c?.status).toBe('assigned');
  });
});

describe('真实进程：演示登录关闭，50MB 上传', () => {
  let child: ChildHost | undefined;
  let dataDir: string;
  afterAll(async () => {
    await child?.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('DEV_LOGIN=0 时演示登录路由 404、演示令牌失效；50MB 上传被 413 拒绝且服务内存增长有限', async () => {
    dataDir = tempDir('wuyuan-big-');
    mkdirSync(dataDir, { recursive: true });
    // The host keeps the secret it finds: sign our own tokens with it.
    const secret = randomBytes(32);
    writeFileSync(join(dataDir, 'token-secret'), secret.toString('hex'), { mode: 0o600 });
    child = await spawnHost({ dataDir, env: { DEV_LOGIN: '0' } });
    expect((await fetch(`${child.url}/auth/dev-personas`)).status).toBe(404);
    const dl = await post(child.url, '/auth/dev-login', { openid: P.admin1 });
    expect(dl.status).toBe(404);
    expect(dl.body.data).toBeUndefined();
    // A demo-login token, validly signed, counts for nothing once the demo login is off.
    const token = issueToken(secret, P.resident, Date.now());
    expect((await call(child.url, 'resident', 'profile', {}, token)).status).toBe(401);
    expect((await post(child.url, '/auth/renew', {}, token)).status).toBe(401);
    expect((await upload(child.url, token, PNG, 'warm.png')).status).toBe(401);
    await child.stop();
    // The memory figures need a caller: the same data folder with the demo login on.
    child = await spawnHost({ dataDir });
    expect((await call(child.url, 'resident', 'profile', {}, token)).status).toBe(200);

    // Warm up the upload path, then measure: once with the size declared, once streamed (chunked).
    for (let i = 0; i < 3; i++) expect((await upload(child.url, token, PNG, 'warm.png')).status).toBe(200);
    const growth: Record<string, number> = {};
    for (const chunked of [false, true]) {
      await sleep(200);
      const baseline = rssOfTree(child.proc.pid!);
      let peak = baseline;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          peak = Math.max(peak, rssOfTree(child!.proc.pid!));
          await sleep(25);
        }
      })();
      const status = await bigUpload(child.url, token, 50 * 1024 * 1024, chunked);
      await sleep(300);
      sampling = false;
      await sampler;
      peak = Math.max(peak, rssOfTree(child.proc.pid!));
      expect(status).toBe(413);
      growth[chunked ? 'chunked' : 'declared'] = peak - baseline;
    }
    // A declared size over the limit is refused before reading; a streamed body is cut at 10 MB —
    // never held whole.
    expect(growth.declared).toBeLessThan(25 * 1024 * 1024);
    expect(growth.chunked).toBeLessThan(50 * 1024 * 1024);
    // Nothing was kept, and the host still serves.
    expect(readdirSync(join(dataDir, 'uploads')).filter((f) => f.endsWith('.json'))).toHaveLength(3);
    expect((await upload(child.url, token, PNG, 'after.png')).status).toBe(200);
  }, 120_000);
});

/** Streams a multipart upload of `size` bytes (a PNG header then zeros), with its length declared or chunked; answers the status. */
function bigUpload(base: string, token: string, size: number, chunked: boolean): Promise<number> {
  const url = new URL(base);
  const boundary = `----rel${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(1024 * 1024);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/api/upload',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          ...(chunked ? {} : { 'content-length': head.length + size + tail.length }),
        },
      },
      (res) => {
        answered = true;
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    // The host may answer and close before the body is all sent.
    req.on('error', (err) => (answered ? undefined : reject(err)));
    void (async () => {
      req.write(head);
      req.write(PNG);
      for (let sent = PNG.length; sent < size && !answered && !req.destroyed;) {
        const n = Math.min(chunk.length, size - sent);
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n)))
          await new Promise<void>((r) => {
            const done = () => {
              req.off('drain', done);
              req.off('close', done);
              r();
            };
            req.on('drain', done);
            req.on('close', done);
          });
        sent += n;
      }
      if (!answered && !req.destroyed) req.end(tail);
    })().catch(reject);
  });
}

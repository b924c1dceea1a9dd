/**
 * 民生微实事 photos through the local host's file route: a photo a round holds (a candidate's or a
 * delivery stage's) is public on the board, so `/files/<id>?roundId=…` serves it without login; a
 * photo the named round does not hold, or an unknown round, stays hidden as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SqliteStore } from '../../backend/store/sqlite-store';
import { seedDemoStreet } from '../../backend/seed/demo-street';
import { invalidateDirectory } from '../../backend/services/directory';
import { buildHost } from '../../host/server';

jest.setTimeout(60_000);

let dataDir: string;
let url: string;
let close: () => Promise<void>;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wuyuan-host-photos-'));
  const store = SqliteStore.open(join(dataDir, 'wuyuan.sqlite'));
  await seedDemoStreet(store, new Date(), 0);
  invalidateDirectory(store);
  const { app } = await buildHost({ store, dataDir, devLogin: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  close = async () => {
    await app.close();
    await store.close();
  };
});
afterEach(async () => {
  await close();
  rmSync(dataDir, { recursive: true, force: true });
});

const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function login(openid: string): Promise<string> {
  const r = await fetch(`${url}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  });
  return ((await r.json()) as { data: { token: string } }).data.token;
}

async function upload(token: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([png], { type: 'image/png' }), 'a.png');
  const r = await fetch(`${url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  return ((await r.json()) as { data: { fileId: string } }).data.fileId;
}

async function saveRound(token: string, photos: string[]): Promise<string> {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const closes = new Date(Date.parse(`${today}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  const project = (title: string, p: string[]) => ({
    title,
    description: `${title}，为居民提供服务`,
    cost: 1000,
    provider: '社区',
    photos: p,
  });
  const r = await fetch(`${url}/api/community`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      action: 'voteRoundSave',
      communityId: 'sf-yuyuan',
      title: '照片测试投票',
      opensOn: today,
      closesOn: closes,
      votesPerPerson: 1,
      projects: [project('楼道扶手', photos), project('充电车棚', [])],
    }),
  });
  const body = (await r.json()) as { ok: boolean; data: { id: string } };
  expect(body.ok).toBe(true);
  return body.data.id;
}

test('投票轮次里的照片凭 roundId 公开；别的照片、别的轮次仍不给看', async () => {
  const admin = await login('demo-admin-1');
  const shown = await upload(admin);
  const hidden = await upload(admin);
  const roundId = await saveRound(admin, [shown]);
  const other = await saveRound(admin, []);

  const pub = await fetch(`${url}/files/${shown}?roundId=${encodeURIComponent(roundId)}`);
  expect(pub.status).toBe(200);
  expect(pub.headers.get('content-type')).toBe('image/png');
  // Without the round, the same photo is the uploader's only, as every photo.
  expect((await fetch(`${url}/files/${shown}`)).status).toBe(404);
  // A round that does not hold it, an unknown round, a photo the round does not hold: hidden.
  expect((await fetch(`${url}/files/${shown}?roundId=${encodeURIComponent(other)}`)).status).toBe(404);
  expect((await fetch(`${url}/files/${shown}?roundId=nope`)).status).toBe(404);
  expect((await fetch(`${url}/files/${hidden}?roundId=${encodeURIComponent(roundId)}`)).status).toBe(404);
});

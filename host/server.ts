/**
 * The local host: one process on 127.0.0.1 that serves the H5 build and runs the very same
 * function handlers as the WeChat cloud entries, on SQLite, with an in-app message centre.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyMultipart from '@fastify/multipart';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { httpStatusOf, type DomainError } from '../core/errors';
import { ROLE_NAMES } from '../core/model';
import { relationsOf } from '../core/case-lifecycle';
import { resolveActor } from '../backend/auth';
import { DEFAULT_LIMITS, makeIdFactory, type Deps } from '../backend/deps';
import { FUNCTIONS } from '../backend/functions';
import { loadDirectory } from '../backend/services/directory';
import type { Store } from '../backend/store/store.port';
import { isProjectPhoto } from './project-photos';
import { ExportFiles, PHOTO_ID, UploadFiles } from './files';
import { MAX_SHEET_BYTES, sniffSheet } from '../backend/services/hotline-sheet-read';
import { TokenVerifier, issueToken, loadSecret, type TokenClaims } from './tokens';

export interface HostOptions {
  store: Store;
  dataDir: string;
  /** The H5 build to serve at `/`; nothing is served when it does not exist. */
  h5Dir?: string;
  devLogin: boolean;
  now?: () => Date;
  submissionsPerDay?: number;
  /** Request body limit for JSON calls, bytes. */
  bodyLimit?: number;
  logger?: boolean;
  /** Host names answered besides 127.0.0.1, localhost and [::1] (`ALLOWED_HOSTS`). */
  allowedHosts?: readonly string[];
  /** Photos one person may upload per China-local day. */
  uploadsPerDay?: number;
}

/** The host names always answered: this machine's own. */
export const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** The host name of a Host header, lower case, without the port; undefined when malformed. */
export function hostNameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i.exec(header.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // The report page's 「用我的位置」 asks for the position (the page itself only, never a frame).
  'permissions-policy': 'camera=(), microphone=(), geolocation=(self)',
};

/** The hashes (`'sha256-…'`) of the inline scripts of an HTML page, for `script-src`. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]!)) continue;
    hashes.add(`'sha256-${createHash('sha256').update(m[2]!, 'utf8').digest('base64')}'`);
  }
  return [...hashes].sort();
}

/**
 * The content security policy: scripts from this origin, plus the H5 page's own inline script
 * (the root font sizing Taro writes into index.html) allowed by its hash; the icon fonts Taro
 * inlines as `data:` URLs.
 */
export function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    `script-src ${["'self'", ...scriptHashes].join(' ')}`,
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

function sendError(reply: FastifyReply, error: DomainError): FastifyReply {
  return reply.code(httpStatusOf(error.code)).send({ ok: false, error: { code: error.code, message: error.message } });
}

/** Sniffs the real type: the name and the declared type are not trusted. */
export function sniffImage(buf: Buffer): 'jpg' | 'png' | 'webp' | undefined {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 12 && buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'webp';
  return undefined;
}

/** A spreadsheet to import (a 12345 工单 sheet): named .xlsx or .csv, and its bytes agree. */
function sheetKind(fileName: string | undefined, buf: Buffer): 'xlsx' | 'csv' | undefined {
  const ext = /\.(xlsx|csv)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  const sniffed = sniffSheet(buf);
  return sniffed.ok && sniffed.value === ext ? sniffed.value : undefined;
}

const MIME = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

export async function buildHost(
  opts: HostOptions,
): Promise<{ app: FastifyInstance; deps: Deps; housekeep: () => Promise<{ uploads: number; exports: number }> }> {
  const now = opts.now ?? (() => new Date());
  const secret = loadSecret(opts.dataDir);
  const tokens = new TokenVerifier(secret);
  const uploads = new UploadFiles(join(opts.dataDir, 'uploads'), now, opts.uploadsPerDay);
  const exportFiles = new ExportFiles(join(opts.dataDir, 'exports'), now);
  const allowedHosts = new Set([...LOCAL_HOSTS, ...(opts.allowedHosts ?? []).map((h) => h.trim().toLowerCase()).filter(Boolean)]);
  /**
   * Whether `openid` uploaded every one of `fileIds`; for an action under way (`running`, the
   * photos it claimed), they are kept from the sweep until it ends, attached or released then.
   * Passed per call rather than found through an AsyncLocalStorage, whose promise hooks cost every
   * promise of the process a little.
   */
  const ownsUploads = async (fileIds: readonly string[], openid: string, running?: string[]): Promise<boolean> => {
    for (const id of fileIds) if (!PHOTO_ID.test(id) || (await uploads.meta(id))?.owner !== openid) return false;
    if (running) {
      await uploads.claim(fileIds);
      running.push(...fileIds);
    }
    return true;
  };
  const deps: Deps = {
    store: opts.store,
    now,
    newId: makeIdFactory(now),
    limits: { ...DEFAULT_LIMITS, ...(opts.submissionsPerDay ? { submissionsPerDay: opts.submissionsPerDay } : {}) },
    ownsUploads: (fileIds, openid) => ownsUploads(fileIds, openid),
    readUpload: async (fileId, openid) => {
      const meta = /\.(xlsx|csv)$/.test(fileId) ? await uploads.meta(fileId) : undefined;
      const bytes = meta?.owner === openid ? await uploads.read(fileId) : undefined;
      return bytes ? new Uint8Array(bytes) : { code: 'FILE.NOT_FOUND', message: '文件不存在或不是您上传的，请重新选择表格' };
    },
    saveExport: async (fileName, bytes, openid) => ({ url: `/exports/${await exportFiles.save(fileName, bytes, openid)}` }),
  };

  const indexHtml = opts.h5Dir ? join(opts.h5Dir, 'index.html') : undefined;
  const csp = contentSecurityPolicy(indexHtml && existsSync(indexHtml) ? inlineScriptHashes(readFileSync(indexHtml, 'utf8')) : []);
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: opts.bodyLimit ?? 1024 * 1024, trustProxy: false });
  // Only this machine's names (and those configured): a page on another name that resolves here
  // (DNS rebinding) gets nothing, not even the demo login.
  // Both hooks in Fastify's callback style: an async hook costs each request a promise and a
  // microtask turn more, twice, and every API call passes both.
  app.addHook('onRequest', (req, reply, done) => {
    const name = hostNameOf(req.headers.host);
    if (!name || !allowedHosts.has(name)) {
      sendError(reply, { code: 'HOST.NOT_ALLOWED', message: '不接受该主机名的访问，请使用 http://127.0.0.1 打开' });
      return; // answered: the request goes no further
    }
    done();
  });
  const headers = { ...SECURITY_HEADERS, 'content-security-policy': csp };
  app.addHook('onSend', (_req, reply, payload, done) => {
    reply.headers(headers);
    done(null, payload);
  });
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE')
      return sendError(reply.code(413), { code: 'INPUT.TOO_LARGE', message: '提交的内容过大' });
    if (status >= 400 && status < 500)
      return reply.code(400).send({ ok: false, error: { code: 'INPUT.INVALID', message: '请求格式不正确' } });
    console.error(err);
    return reply.code(500).send({ ok: false, error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } });
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/auth/') || req.url.startsWith('/files/'))
      return reply.code(404).send({ ok: false, error: { code: 'INPUT.UNKNOWN_ACTION', message: '接口不存在' } });
    const index = opts.h5Dir ? join(opts.h5Dir, 'index.html') : undefined;
    if (req.method === 'GET' && index && existsSync(index)) return reply.type('text/html; charset=utf-8').send(readFileSync(index));
    return reply.code(404).type('text/plain; charset=utf-8').send('未找到页面。请先构建 H5：npm run build:h5');
  });
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 } });

  /**
   * Who calls: the bearer token, or `?token=` where `fromQuery` (image GETs only: an <img> cannot
   * send a header). A dev-login token counts only while the demo login is on.
   */
  const callerOf = (req: FastifyRequest, fromQuery = false): { openid?: string; claims?: TokenClaims; error?: DomainError } => {
    const h = req.headers.authorization;
    const q = fromQuery ? (req.query as Record<string, unknown> | undefined)?.token : undefined;
    const raw = typeof h === 'string' && h.startsWith('Bearer ') ? h.slice(7) : typeof q === 'string' ? q : undefined;
    if (raw === undefined) return {};
    const claims = tokens.verify(raw, now().getTime());
    if (!claims || (claims.kind === 'dev' && !opts.devLogin))
      return { error: { code: 'AUTH.INVALID_TOKEN', message: '登录已失效，请重新登录' } };
    return { openid: claims.openid, claims };
  };

  app.post('/api/upload', async (req, reply) => {
    const who = callerOf(req);
    if (who.error) return sendError(reply, who.error);
    if (!who.openid) return sendError(reply, { code: 'AUTH.REQUIRED', message: '请先登录' });
    // A body declared far over the limit is refused before a byte of it is parsed.
    if (Number(req.headers['content-length']) > MAX_UPLOAD_BYTES + 64 * 1024)
      return sendError(reply, { code: 'INPUT.TOO_LARGE', message: '图片不能超过10MB' });
    if (!req.isMultipart()) return sendError(reply, { code: 'FILE.INVALID', message: '请以表单方式上传图片（字段 file）' });
    const part = await req.file();
    if (!part || part.fieldname !== 'file') return sendError(reply, { code: 'FILE.INVALID', message: '请上传图片（字段 file）' });
    const buf = await part.toBuffer();
    if (part.file.truncated) return sendError(reply, { code: 'INPUT.TOO_LARGE', message: '图片不能超过10MB' });
    const kind = sniffImage(buf) ?? sheetKind(part.filename, buf);
    if (!kind) return sendError(reply, { code: 'FILE.INVALID', message: '只支持 JPG、PNG、WebP 图片，或 .xlsx、.csv 表格' });
    if ((kind === 'xlsx' || kind === 'csv') && buf.length > MAX_SHEET_BYTES)
      return sendError(reply, { code: 'INPUT.TOO_LARGE', message: `表格文件不能超过${MAX_SHEET_BYTES / 1024 / 1024}MB，请拆分后分批导入` });
    const saved = await uploads.save(who.openid, buf, kind);
    if (!saved.ok) return sendError(reply, saved);
    return reply.send({ ok: true, data: { fileId: saved.fileId } });
  });

  app.get('/files/:fileId', async (req, reply) => {
    const { fileId } = req.params as { fileId: string };
    const caseId = (req.query as Record<string, unknown>).caseId;
    const notFound = () => sendError(reply, { code: 'FILE.NOT_FOUND', message: '图片不存在或无权查看' });
    // A photo without its metadata (or the other way round) does not exist.
    const meta = PHOTO_ID.test(fileId) ? await uploads.meta(fileId) : undefined;
    if (!meta) return notFound();
    const who = callerOf(req, true);
    let allowed = who.openid !== undefined && meta.owner === who.openid;
    if (!allowed && typeof caseId === 'string' && caseId.length < 80) {
      const c = await deps.store.getCase(caseId);
      const photo = c?.photos.find((p) => p.fileId === fileId);
      if (c && photo) {
        if (c.isPublic && photo.approved) allowed = true;
        else if (who.openid) {
          const actor = await resolveActor(deps.store, who.openid);
          const rel = relationsOf(actor, c);
          const inGrid = actor.grants.some((g) => g.memberId && g.gridId === c.place.gridId);
          allowed = inGrid || ['reporter', 'holder', 'community_admin', 'street_admin', 'department'].some((r) => rel.has(r as never));
        }
      }
    }
    const roundId = (req.query as Record<string, unknown>).roundId;
    if (!allowed && typeof roundId === 'string' && roundId.length < 80) allowed = await isProjectPhoto(deps.store, roundId, fileId);
    if (!allowed) return notFound();
    const bytes = await uploads.read(fileId);
    if (!bytes) return notFound();
    const ext = fileId.split('.').pop() as keyof typeof MIME;
    return reply.header('cache-control', 'private, max-age=3600').type(MIME[ext]).send(bytes);
  });

  // An export: for the admin who made it (bearer token, never `?token=`), for 24 hours.
  app.get('/exports/:id', async (req, reply) => {
    const { id } = req.params as { id: string };
    const who = callerOf(req);
    if (who.error) return sendError(reply, who.error);
    if (!who.openid) return sendError(reply, { code: 'AUTH.REQUIRED', message: '请先登录后再下载导出文件' });
    const bytes = await exportFiles.read(id, who.openid);
    if (!bytes) return sendError(reply, { code: 'FILE.NOT_FOUND', message: '文件不存在、已过期（导出文件保留24小时）或不是您导出的' });
    return reply
      .header('content-disposition', `attachment; filename="${id.slice(25)}"`)
      .header('cache-control', 'private, no-store')
      .type(id.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(bytes);
  });

  app.post('/api/:fn', async (req, reply) => {
    const { fn } = req.params as { fn: string };
    const f = Object.prototype.hasOwnProperty.call(FUNCTIONS, fn) ? FUNCTIONS[fn] : undefined;
    if (!f)
      return reply.code(404).send({ ok: false, error: { code: 'INPUT.UNKNOWN_ACTION', message: `云函数不存在：${fn.slice(0, 32)}` } });
    const who = callerOf(req);
    if (who.error) return sendError(reply, who.error);
    const photos: string[] = [];
    let result: Awaited<ReturnType<typeof f.handle>> | undefined;
    try {
      result = await f.handle(req.body, who.openid, { ...deps, ownsUploads: (ids, openid) => ownsUploads(ids, openid, photos) });
    } finally {
      if (photos.length) await uploads.settle(photos, result?.ok === true);
    }
    if (result.ok) return reply.send(result);
    return sendError(reply, result.error);
  });

  // A token still valid gets a fresh one: the app renews before it runs out.
  app.post('/auth/renew', async (req, reply) => {
    const who = callerOf(req);
    if (who.error) return sendError(reply, who.error);
    if (!who.claims) return sendError(reply, { code: 'AUTH.REQUIRED', message: '请先登录' });
    const token = issueToken(secret, who.claims.openid, now().getTime(), who.claims.kind);
    return reply.send({ ok: true, data: { token } });
  });

  if (opts.devLogin) {
    app.get('/auth/dev-personas', async (_req, reply) => {
      const dir = await loadDirectory(deps.store, now().getTime());
      const accounts = await deps.store.listRef('accounts');
      const items = accounts
        .map((a) => {
          const first = a.roles[0];
          const roles = a.roles.length ? [...new Set(a.roles.map((r) => r.role))] : ['resident'];
          return {
            openid: a.openid,
            name: a.name,
            roles,
            roleNames: roles.map((r) => ROLE_NAMES[r as keyof typeof ROLE_NAMES]),
            communityName: first?.communityId ? dir.communities.get(first.communityId)?.name : undefined,
            gridName: first?.gridId ? dir.grids.get(first.gridId)?.name : undefined,
            departmentName: first?.departmentId ? dir.departments.get(first.departmentId)?.name : undefined,
          };
        })
        .sort((a, b) => PERSONA_ORDER.indexOf(a.roles[0]!) - PERSONA_ORDER.indexOf(b.roles[0]!) || a.openid.localeCompare(b.openid));
      return reply.send({ ok: true, data: { items } });
    });
    app.post('/auth/dev-login', async (req, reply) => {
      const body = req.body as { openid?: unknown } | undefined;
      const openid = body?.openid;
      if (typeof openid !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(openid))
        return sendError(reply, { code: 'INPUT.INVALID', message: '请选择演示身份' });
      const account = await deps.store.getRef('accounts', openid);
      if (!account) return sendError(reply, { code: 'AUTH.REQUIRED', message: '演示身份不存在' });
      return reply.send({ ok: true, data: { token: issueToken(secret, openid, now().getTime()), name: account.name } });
    });
  }

  if (opts.h5Dir && existsSync(opts.h5Dir)) {
    await app.register(fastifyStatic, { root: resolve(opts.h5Dir), prefix: '/', index: ['index.html'] });
  }
  /** Deletes expired exports and unattached uploads; the host runs it on an interval. */
  const housekeep = async (): Promise<{ uploads: number; exports: number }> => ({
    uploads: await uploads.sweep(),
    exports: await exportFiles.sweep(),
  });
  return { app, deps, housekeep };
}

const PERSONA_ORDER = [
  'resident',
  'grid_worker',
  'building_steward',
  'resident_leader',
  'party_leader',
  'owners_committee',
  'community_admin',
  'street_admin',
  'department',
];

/**
 * The first run in a new WeChat cloud environment: every collection the store uses is created
 * here, so nobody has to click twenty-nine collections into the console (a missing one fails every
 * call with -502005, "collection not exists").
 *
 * `db.createCollection` of wx-server-sdk is the only schema call the server SDK has: indexes and
 * the storage permission can only be set in the console (or its management API, which needs the
 * account's secret and is not reachable from a function). `manualSetup` lists them, for the
 * deploy output and for the street admin's `admin.cloudSetup`.
 *
 * The creation is idempotent: a collection that already exists is recognised by reading it, not
 * by the text of the error `createCollection` answers, which the SDK does not document.
 */
import { CLOUD_COLLECTIONS, CLOUD_INDEXES, type CloudDb, type CloudIndex } from '../store/cloud-store';

/** `cloud.database()` with the one schema call the server SDK offers. */
export interface CloudSchemaDb extends CloudDb {
  createCollection(name: string): Promise<unknown>;
}

export interface CollectionsReport {
  /** Created by this run. */
  created: string[];
  /** There already. */
  existing: string[];
  /** Neither created nor readable: `name: reason`. */
  failed: string[];
}

/** Every collection name the store uses, each once. */
export function cloudCollectionNames(): string[] {
  const { refs, ...rest } = CLOUD_COLLECTIONS;
  return [...new Set([...Object.values(rest), ...Object.values(refs)])].sort();
}

const errorText = (e: unknown): string => {
  if (e instanceof Error) return e.message;
  const o = e as { errMsg?: unknown; message?: unknown } | null;
  return String(o?.errMsg ?? o?.message ?? e);
};

/** Creates whatever collection is missing; all at once, so a cold start waits about one round trip. */
export async function ensureCollections(db: CloudSchemaDb, names: readonly string[] = cloudCollectionNames()): Promise<CollectionsReport> {
  const report: CollectionsReport = { created: [], existing: [], failed: [] };
  const outcomes = await Promise.all(
    names.map(async (name): Promise<[string, 'created' | 'existing' | string]> => {
      try {
        await db.createCollection(name);
        return [name, 'created'];
      } catch (createError) {
        try {
          await db.collection(name).limit(1).get();
          return [name, 'existing'];
        } catch {
          return [name, errorText(createError)];
        }
      }
    }),
  );
  for (const [name, outcome] of outcomes) {
    if (outcome === 'created') report.created.push(name);
    else if (outcome === 'existing') report.existing.push(name);
    else report.failed.push(`${name}: ${outcome}`);
  }
  return report;
}

let once: Promise<CollectionsReport> | undefined;

/**
 * `ensureCollections` once per warm function instance, called by every cloud entry before its
 * first call is handled. A run that could not create everything is tried again on the next call.
 */
export async function ensureCollectionsOnce(db: CloudSchemaDb): Promise<CollectionsReport> {
  once ??= ensureCollections(db).then((r) => {
    if (r.created.length > 0) console.log(`已创建数据库集合：${r.created.join('、')}`);
    if (r.failed.length > 0) {
      console.error(`数据库集合未能创建：${r.failed.join('；')}`);
      once = undefined;
    }
    return r;
  });
  return once;
}

/** Forgets the per-instance run (tests). */
export function resetCollectionsOnce(): void {
  once = undefined;
}

const indexLine = (i: CloudIndex): string =>
  `${i.collection} · ${i.name}${i.unique ? '（唯一）' : ''}：${i.fields.map(([f, d]) => `${f} ${d === 'asc' ? '升序' : '降序'}`).join('，')}`;

/** What a person must still do in the console after the first deploy, in Chinese, one line each. */
export function manualSetup(indexes: readonly CloudIndex[] = CLOUD_INDEXES): string[] {
  return [
    ...indexes.map((i) => `云开发控制台 → 数据库 → ${i.collection} → 索引管理 → 添加索引 ${indexLine(i)}`),
    '云开发控制台 → 存储 → 权限设置：选「仅创建者可读写」（照片与导出由云函数换成 10 分钟有效的临时链接给有权查看的人，不要设为所有用户可读）',
    '云开发控制台 → 云函数 → resident、member、admin、community、intake → 函数配置 → 环境变量：UPLOAD_TAG_SECRET（五者相同，至少 32 个字符）',
    '小程序管理后台 → 开发管理 → 接口设置：申请 wx.chooseLocation（地图选点）与 wx.getLocation（用我的位置找楼栋）接口权限',
    '小程序管理后台 → 设置 → 服务内容声明 → 用户隐私保护指引：声明相册、摄像头、选择的位置信息、位置信息',
    '小程序管理后台 → 功能 → 订阅消息：选用模板，再在「管理 → 配置 → 订阅消息模板」填写模板 ID',
  ];
}

/** What each cloud entry awaits before its first call: the collections exist in this environment. */
export async function prepareCloud(cloud: { database(): unknown }): Promise<void> {
  await ensureCollectionsOnce(cloud.database() as CloudSchemaDb);
}

/** A variable a cloud function reads from its configuration (云函数 → 函数配置 → 环境变量). */
export interface FunctionEnvVar {
  name: string;
  /** Which functions read it. */
  functions: readonly string[];
  /** What happens without it, in Chinese. */
  unset: string;
}

/**
 * Every variable the cloud functions read (backend/cloud/cloud-deps.ts); the deploy output prints
 * them per function, and a test holds this list to the code.
 */
export const CLOUD_FUNCTION_ENV: readonly FunctionEnvVar[] = [
  {
    name: 'UPLOAD_TAG_SECRET',
    functions: ['resident', 'member', 'admin', 'community', 'intake'],
    unset: '必填：这五个函数填同一个至少 32 个字符的密钥，否则一切带照片的操作被拒绝',
  },
  { name: 'SUBMISSIONS_PER_DAY', functions: ['resident'], unset: '可选：每人每天可提交的诉求数，默认 20' },
  { name: 'WX_MINIPROGRAM_STATE', functions: ['timer'], unset: '可选：订阅消息跳转的版本 developer / trial / formal，默认 formal' },
];

/**
 * What a weapp build needs from its environment, checked before Taro starts.
 *
 * - `WX_CLOUD_ENV`: without it `wx.cloud.init` gets no `env` and talks to whichever environment
 *   is the account's default, so a production build without it is refused.
 * - `TARO_APP_ID`: the real appid (a `touristappid` project has no cloud development). It goes
 *   into `project.private.config.json` at the repository root, the folder DevTools opens, which
 *   overrides the committed `project.config.json` (that one keeps `touristappid`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface WeappBuild {
  /** `process.env.NODE_ENV` */
  nodeEnv?: string;
  /** `taro build --watch` */
  watch: boolean;
  env: Record<string, string | undefined>;
}

const CLOUD_ENV_ID = /^[a-z0-9][a-z0-9-]{1,63}$/i;
const APP_ID = /^wx[0-9a-f]{16}$/;

/** Why this build must not go on, or undefined. */
export function weappBuildProblem(build: WeappBuild): string | undefined {
  const cloudEnv = build.env.WX_CLOUD_ENV?.trim() ?? '';
  const production = build.nodeEnv === 'production' && !build.watch;
  if (cloudEnv === '' && production)
    return (
      '缺少环境变量 WX_CLOUD_ENV（云开发环境 ID）：正式构建必须指定，否则小程序会连到账号的默认环境。' +
      '请以 WX_CLOUD_ENV=<环境 ID> npm run build:weapp 重新构建。\n' +
      'WX_CLOUD_ENV (the WeChat cloud environment id) is required for a production weapp build.'
    );
  if (cloudEnv !== '' && !CLOUD_ENV_ID.test(cloudEnv))
    return `WX_CLOUD_ENV 不是有效的云开发环境 ID：${cloudEnv.slice(0, 64)}\nWX_CLOUD_ENV is not a valid cloud environment id.`;
  const appid = build.env.TARO_APP_ID?.trim();
  if (appid && !APP_ID.test(appid))
    return `TARO_APP_ID 不是有效的小程序 appid（wx 开头，共 18 位）：${appid.slice(0, 32)}\nTARO_APP_ID is not a mini-program appid.`;
  return undefined;
}

/** The DevTools private config that gives the root project its real appid; undefined without one. */
export function privateProjectConfig(env: Record<string, string | undefined>): { appid: string } | undefined {
  const appid = env.TARO_APP_ID?.trim();
  return appid ? { appid } : undefined;
}

/** Refuses the build (throws) or writes the private config; called by config/index.ts for weapp. */
export function prepareWeappBuild(build: WeappBuild, root: string): void {
  const problem = weappBuildProblem(build);
  if (problem) throw new Error(problem);
  const priv = privateProjectConfig(build.env);
  if (priv) writeFileSync(path.join(root, 'project.private.config.json'), JSON.stringify(priv, null, 2) + '\n');
}

/**
 * Taro copies the root project.config.json into dist-weapp/ (for tools that compile that folder,
 * such as miniprogram-ci). Inside dist-weapp/ its `cloudfunctionRoot` points nowhere, so the copy
 * drops it: the project to open in DevTools is the repository root, the only one with the functions.
 */
export function distProjectConfig(config: Record<string, unknown>): Record<string, unknown> {
  const { cloudfunctionRoot: _drop, ...rest } = config;
  return { ...rest, miniprogramRoot: './' };
}

/** Rewrites dist-weapp/project.config.json after each weapp build (a webpack plugin). */
export class DistProjectConfigPlugin {
  constructor(private readonly outputDir: string) {}
  apply(compiler: { hooks: { done: { tap(name: string, fn: () => void): void } } }): void {
    compiler.hooks.done.tap('DistProjectConfigPlugin', () => {
      const file = path.join(this.outputDir, 'project.config.json');
      if (!existsSync(file)) return;
      const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify(distProjectConfig(json), null, 2) + '\n');
    });
  }
}

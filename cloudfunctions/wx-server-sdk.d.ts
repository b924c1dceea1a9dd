/**
 * The part of `wx-server-sdk` the cloud entries touch. The package ships no types; everything
 * past `init` and `getWXContext` is typed by `WxCloud` in backend/cloud/cloud-deps.ts.
 */
declare module 'wx-server-sdk' {
  const cloud: {
    DYNAMIC_CURRENT_ENV: unknown;
    init(options: { env: unknown }): void;
    getWXContext(): { OPENID?: string; APPID?: string; UNIONID?: string; ENV?: string };
  };
  export default cloud;
}

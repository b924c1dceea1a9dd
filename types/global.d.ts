/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/** Build-time constants, defined for every target in config/index.ts (`defineConstants`). */
declare const APP_VERSION: string;
/** WeChat cloud environment id (env WX_CLOUD_ENV); empty means the default environment. */
declare const CLOUD_ENV_ID: string;
/** Origin the H5 app calls for /api and /auth (env H5_API_BASE); empty means same origin. */
declare const API_BASE: string;
/**
 * Tencent map key for Taro's H5 `chooseLocation` (env TENCENT_MAP_KEY at build time, or a global the
 * page sets); undefined when neither gives one (src/utils/map-pick.ts).
 */
declare const LOCATION_APIKEY: string | undefined;

declare namespace NodeJS {
  interface ProcessEnv {
    /** Replaced at build time by Taro. */
    NODE_ENV: 'development' | 'production';
    /** The build target, replaced at build time by Taro. */
    TARO_ENV: 'weapp' | 'h5';
    /** Optional appid override for dist-weapp/project.config.json (read by Taro at build time). */
    TARO_APP_ID?: string;
  }
}

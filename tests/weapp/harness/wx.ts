/**
 * The `wx` the built mini-program calls, recorded so journeys can assert on it. Cloud calls run
 * the world's functions with the signed-in persona's openid; photos picked with `chooseMedia` are
 * real files in a temporary folder and `cloud.uploadFile` puts their bytes in the world's storage.
 * Navigation is handed to the mini-program (the page stack). Everything else WeChat offers comes
 * from miniprogram-simulate's API mock.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { World } from './world';

/** One recorded call: the API's name and its argument without the callbacks. */
export interface WxCall {
  api: string;
  args: Record<string, unknown>;
}

export interface Navigator {
  navigateTo(url: string): Promise<void>;
  redirectTo(url: string): Promise<void>;
  switchTab(url: string): Promise<void>;
  reLaunch(url: string): Promise<void>;
  navigateBack(delta: number): Promise<void>;
}

type Callbacks = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };
type Options = Record<string, unknown> & Callbacks;

/** A 1×1 PNG: what a picked photo holds. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export interface RecordedWx {
  wx: Record<string, unknown>;
  calls: WxCall[];
  /** The calls of one API, in order. */
  callsOf(api: string): WxCall[];
  storage: Map<string, unknown>;
  /** What `showModal` answers next (default: confirm). */
  modalAnswers: boolean[];
  /** What the next `chooseLocation` picks, and where `getLocation` says the phone is. */
  location: { name: string; address: string; latitude: number; longitude: number };
  /** When set, `getLocation` fails with this errMsg (e.g. `getLocation:fail auth deny`). */
  locationError?: string;
  /** Template id → answer for `requestSubscribeMessage` (default: accept). */
  subscribeAnswers: Record<string, string>;
  /** Cancels the next `chooseMedia` when false. */
  mediaCount: number;
  /** What `chooseMessageFile` picks (a file from a chat); cancelled when unset. */
  messageFile?: { name: string; bytes: Uint8Array };
  setCaller(openid: string): void;
  dispose(): void;
}

export function recordedWx(
  world: World,
  nav: Navigator,
  base: Record<string, unknown>,
  device: { fontSizeScaleFactor?: number } = {},
): RecordedWx {
  const tmp = mkdtempSync(join(tmpdir(), 'wuyuan-wxtmp-'));
  let caller = '';
  let seq = 0;
  const calls: WxCall[] = [];
  const storage = new Map<string, unknown>();
  const state: Pick<RecordedWx, 'modalAnswers' | 'location' | 'locationError' | 'subscribeAnswers' | 'mediaCount' | 'messageFile'> = {
    modalAnswers: [],
    location: { name: '渝园小区东门', address: '重庆市江津区双福街道渝园小区东门', latitude: 29.38, longitude: 106.28 },
    subscribeAnswers: {},
    mediaCount: 1,
  };

  const record = (api: string, o: unknown) => {
    const args: Record<string, unknown> = {};
    if (o && typeof o === 'object') {
      for (const [k, v] of Object.entries(o)) if (typeof v !== 'function') args[k] = v;
    }
    calls.push({ api, args });
  };

  /** An async WeChat API: callbacks when given, a promise otherwise; answered on a later tick like WeChat. */
  const asyncApi =
    (api: string, run: (o: Options) => unknown | Promise<unknown>) =>
    (o: Options = {}) => {
      record(api, o);
      const p = (async () => {
        await new Promise((r) => setTimeout(r, 0));
        return run(o);
      })();
      p.then(
        (res) => {
          o.success?.(res);
          o.complete?.(res);
        },
        (err) => {
          o.fail?.(err);
          o.complete?.(err);
        },
      );
      if (o.success || o.fail || o.complete) {
        p.catch(() => undefined);
        return undefined;
      }
      return p;
    };
  const ok = (api: string, extra: Record<string, unknown> = {}) => asyncApi(api, () => ({ errMsg: `${api}:ok`, ...extra }));
  const failWith = (errMsg: string) => Object.assign(new Error(errMsg), { errMsg });

  const tempFile = (ext: string, bytes: Buffer) => {
    const p = join(tmp, `tmp_${++seq}.${ext}`);
    writeFileSync(p, bytes);
    return p;
  };

  const wx: Record<string, unknown> = {
    ...base,
    getAppBaseInfo: () => {
      record('getAppBaseInfo', {});
      return { SDKVersion: '3.7.0', language: 'zh_CN', theme: 'light', fontSizeScaleFactor: device.fontSizeScaleFactor ?? 1 };
    },
    // ——— storage ———
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: asyncApi('getStorage', (o) => {
      if (!storage.has(String(o.key))) throw failWith('getStorage:fail data not found');
      return { errMsg: 'getStorage:ok', data: storage.get(String(o.key)) };
    }),
    setStorage: asyncApi('setStorage', (o) => (storage.set(String(o.key), o.data), { errMsg: 'setStorage:ok' })),
    removeStorage: asyncApi('removeStorage', (o) => (storage.delete(String(o.key)), { errMsg: 'removeStorage:ok' })),
    // ——— feedback ———
    showToast: ok('showToast'),
    hideToast: ok('hideToast'),
    showLoading: ok('showLoading'),
    hideLoading: ok('hideLoading'),
    showModal: asyncApi('showModal', () => {
      const confirm = state.modalAnswers.length ? state.modalAnswers.shift()! : true;
      return { errMsg: 'showModal:ok', confirm, cancel: !confirm };
    }),
    showActionSheet: asyncApi('showActionSheet', () => ({ errMsg: 'showActionSheet:ok', tapIndex: 0 })),
    setNavigationBarTitle: ok('setNavigationBarTitle'),
    stopPullDownRefresh: ok('stopPullDownRefresh'),
    startPullDownRefresh: ok('startPullDownRefresh'),
    pageScrollTo: ok('pageScrollTo'),
    vibrateShort: ok('vibrateShort'),
    hideHomeButton: ok('hideHomeButton'),
    // ——— device ———
    makePhoneCall: ok('makePhoneCall'),
    setClipboardData: ok('setClipboardData'),
    getLocation: asyncApi('getLocation', () => {
      if (state.locationError) throw failWith(state.locationError);
      return {
        errMsg: 'getLocation:ok',
        latitude: state.location.latitude,
        longitude: state.location.longitude,
      };
    }),
    chooseLocation: asyncApi('chooseLocation', () => ({ errMsg: 'chooseLocation:ok', ...state.location })),
    chooseMedia: asyncApi('chooseMedia', (o) => {
      const n = Math.min(state.mediaCount, Number(o.count ?? 9));
      if (n <= 0) throw failWith('chooseMedia:fail cancel');
      const tempFiles = Array.from({ length: n }, () => ({ tempFilePath: tempFile('png', PNG), size: PNG.length, fileType: 'image' }));
      return { errMsg: 'chooseMedia:ok', type: 'image', tempFiles };
    }),
    chooseMessageFile: asyncApi('chooseMessageFile', () => {
      const f = state.messageFile;
      if (!f) throw failWith('chooseMessageFile:fail cancel');
      const path = tempFile(f.name.split('.').pop() ?? 'bin', Buffer.from(f.bytes));
      return { errMsg: 'chooseMessageFile:ok', tempFiles: [{ path, name: f.name, size: f.bytes.length, type: 'file', time: 0 }] };
    }),
    chooseImage: asyncApi('chooseImage', () => {
      const p = tempFile('png', PNG);
      return { errMsg: 'chooseImage:ok', tempFilePaths: [p], tempFiles: [{ path: p, size: PNG.length }] };
    }),
    compressImage: asyncApi('compressImage', (o) => ({ errMsg: 'compressImage:ok', tempFilePath: o.src })),
    previewImage: ok('previewImage'),
    openDocument: ok('openDocument'),
    getPrivacySetting: asyncApi('getPrivacySetting', () => ({ errMsg: 'getPrivacySetting:ok', needAuthorization: false })),
    requirePrivacyAuthorize: ok('requirePrivacyAuthorize'),
    onNeedPrivacyAuthorization: () => undefined,
    openPrivacyContract: ok('openPrivacyContract'),
    requestSubscribeMessage: asyncApi('requestSubscribeMessage', (o) => {
      const ids = (o.tmplIds as string[] | undefined) ?? [];
      if (ids.length === 0 || ids.length > 3) throw failWith('requestSubscribeMessage:fail invalid tmplIds');
      const res: Record<string, unknown> = { errMsg: 'requestSubscribeMessage:ok' };
      for (const id of ids) res[id] = state.subscribeAnswers[id] ?? 'accept';
      return res;
    }),
    // ——— navigation: the page stack ———
    navigateTo: asyncApi('navigateTo', async (o) => (await nav.navigateTo(String(o.url)), { errMsg: 'navigateTo:ok' })),
    redirectTo: asyncApi('redirectTo', async (o) => (await nav.redirectTo(String(o.url)), { errMsg: 'redirectTo:ok' })),
    switchTab: asyncApi('switchTab', async (o) => (await nav.switchTab(String(o.url)), { errMsg: 'switchTab:ok' })),
    reLaunch: asyncApi('reLaunch', async (o) => (await nav.reLaunch(String(o.url)), { errMsg: 'reLaunch:ok' })),
    navigateBack: asyncApi('navigateBack', async (o) => (await nav.navigateBack(Number(o.delta ?? 1)), { errMsg: 'navigateBack:ok' })),
    // ——— the cloud ———
    cloud: {
      init: (o: Record<string, unknown> = {}) => record('cloud.init', o),
      callFunction: asyncApi('cloud.callFunction', async (o) => {
        const name = String(o.name);
        const data = (o.data ?? {}) as Record<string, unknown>;
        const result = await world.call(name, JSON.parse(JSON.stringify(data)) as Record<string, unknown>, caller);
        // What crosses the wire is JSON.
        return { errMsg: 'cloud.callFunction:ok', result: JSON.parse(JSON.stringify(result)) as unknown, requestID: `req-${++seq}` };
      }),
      uploadFile: asyncApi('cloud.uploadFile', (o) => {
        const cloudPath = String(o.cloudPath);
        const id = world.fileIdOf(cloudPath);
        world.files.set(id, readFileSync(String(o.filePath)));
        return { errMsg: 'cloud.uploadFile:ok', fileID: id, statusCode: 204 };
      }),
      downloadFile: asyncApi('cloud.downloadFile', (o) => {
        const bytes = world.files.get(String(o.fileID));
        if (!bytes) throw failWith('cloud.downloadFile:fail file not found');
        return { errMsg: 'cloud.downloadFile:ok', tempFilePath: tempFile('xlsx', bytes), statusCode: 200 };
      }),
      getTempFileURL: asyncApi('cloud.getTempFileURL', (o) => ({
        errMsg: 'cloud.getTempFileURL:ok',
        fileList: ((o.fileList as string[]) ?? []).map((f) => ({
          fileID: f,
          tempFileURL: `https://tmp.example/${encodeURIComponent(f)}`,
          status: 0,
        })),
      })),
    },
  };

  return {
    wx,
    calls,
    callsOf: (api) => calls.filter((c) => c.api === api),
    storage,
    get modalAnswers() {
      return state.modalAnswers;
    },
    set modalAnswers(v) {
      state.modalAnswers = v;
    },
    get location() {
      return state.location;
    },
    set location(v) {
      state.location = v;
    },
    get locationError() {
      return state.locationError;
    },
    set locationError(v) {
      state.locationError = v;
    },
    get subscribeAnswers() {
      return state.subscribeAnswers;
    },
    set subscribeAnswers(v) {
      state.subscribeAnswers = v;
    },
    get mediaCount() {
      return state.mediaCount;
    },
    set mediaCount(v) {
      state.mediaCount = v;
    },
    get messageFile() {
      return state.messageFile;
    },
    set messageFile(v) {
      state.messageFile = v;
    },
    setCaller(openid) {
      caller = openid;
    },
    dispose() {
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

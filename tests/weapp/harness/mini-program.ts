/**
 * The built mini-program (dist-weapp) run as WeChat runs it, in WeChat's component framework
 * (exparser, through miniprogram-simulate and j-component) in jsdom:
 *
 * - app.js is required first (it requires its chunks: common, vendors, taro, runtime) and calls
 *   `App()`; then onLaunch / onShow;
 * - each page is loaded from its own files (.json with its usingComponents, .wxml compiled by
 *   WeChat's wcc together with base.wxml, comp.wxml and utils.wxs, .js with the subpackage's
 *   sub-vendors and sub-common chunks it requires) and kept on a page stack; `Page()` is mapped onto
 *   exparser's `Component` (onLoad / onShow / onReady called as WeChat calls them);
 * - tab pages get the custom tab bar (custom-tab-bar/index) like WeChat draws it;
 * - `wx` is the recorded double of ./wx.ts, its cloud calls going to the world's functions.
 *
 * A journey reads what the user sees (`text()`), taps on visible text (`tap`), types into fields
 * (`input`), and looks at `wx` calls and the world's store.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { recordedWx, type RecordedWx } from './wx';
import type { World } from './world';

const simulate = require('miniprogram-simulate') as {
  load(path: string, options: { rootPath: string }): string;
  render(id: string): JComponent;
};
const exparser = require('miniprogram-exparser') as {
  Event: {
    create(type: string, detail: unknown, opts: Record<string, unknown>): unknown;
    dispatchEvent(target: unknown, event: unknown): void;
  };
};

/**
 * The part of jsdom's DOM the harness uses (the server type check has no DOM library).
 */
/** The phone's own settings the app may read at launch. */
export interface DeviceSettings {
  /** `wx.getAppBaseInfo().fontSizeScaleFactor`: WeChat's font size (关怀模式 scales it up). @default 1 */
  fontSizeScaleFactor?: number;
}

export interface El {
  readonly tagName: string;
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly style: { display: string };
  readonly parentElement: El | null;
  readonly childNodes: { forEach(cb: (n: El) => void): void };
  querySelectorAll(selector: string): ArrayLike<El> & Iterable<El>;
  contains(other: El): boolean;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  appendChild(child: El): void;
  remove(): void;
}

const doc = () => (globalThis as unknown as { document: { body: El; createElement(tag: string): El } }).document;
const newCustomEvent = (type: string) => new (globalThis as unknown as { CustomEvent: new (t: string) => unknown }).CustomEvent(type);

interface JComponent {
  dom: El;
  instance: PageInstance;
  attach(parent: El): void;
  detach(): void;
}

type PageInstance = Record<string, unknown> & {
  route: string;
  options: Record<string, string>;
  onLoad?: (q: Record<string, string>) => void;
  onShow?: () => void;
  onReady?: () => void;
  onHide?: () => void;
  onUnload?: () => void;
  onPullDownRefresh?: () => void;
};

export const DIST = resolve(__dirname, '../../../dist-weapp');

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  tabBar?: { custom?: boolean; list: { pagePath: string }[] };
}

export function readAppJson(): AppJson {
  return JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')) as AppJson;
}

/** Every page of app.json, main package first, then each subpackage's. */
export function allPages(): string[] {
  const app = readAppJson();
  return [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
}

export interface OpenPage {
  route: string;
  query: Record<string, string>;
  comp: JComponent;
  tabBar?: JComponent;
  container: El;
}

function parseUrl(url: string, from?: string): { route: string; query: Record<string, string> } {
  const [rawPath = '', qs = ''] = url.split('?');
  let path = rawPath;
  if (path.startsWith('/')) path = path.slice(1);
  else if (from) {
    // Relative to the current page's folder.
    const parts = from.split('/').slice(0, -1);
    for (const seg of path.split('/')) {
      if (seg === '..') parts.pop();
      else if (seg !== '.') parts.push(seg);
    }
    path = parts.join('/');
  }
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(qs)) query[k] = v;
  return { route: path, query };
}

type G = Record<string, unknown>;
const g = globalThis as unknown as G;

/** Console errors and warnings the app wrote, for the journeys to assert on. */
export interface ConsoleLine {
  level: 'error' | 'warn';
  text: string;
}

export class MiniProgram {
  readonly stack: OpenPage[] = [];
  readonly console: ConsoleLine[] = [];
  /** Errors thrown by the app's code outside any call (rejections, timers). */
  readonly uncaught: string[] = [];
  private app: (G & { onLaunch?: (o: unknown) => void; onShow?: (o: unknown) => void }) | undefined;
  private readonly tabPages: Set<string>;
  private readonly pages: Set<string>;
  private restore: (() => void)[] = [];
  private readonly definitions = new Map<string, string>();

  private constructor(
    readonly world: World,
    readonly wx: RecordedWx,
  ) {
    const app = readAppJson();
    this.tabPages = new Set((app.tabBar?.list ?? []).map((t) => t.pagePath));
    this.pages = new Set(allPages());
  }

  /**
   * Starts the mini-program as `openid` on `path` (a page with an optional `?query`; default: the
   * first page of app.json), like
   * WeChat: app.js, App(), onLaunch, onShow, then the page.
   */
  static async launch(world: World, openid: string, path?: string, device: DeviceSettings = {}): Promise<MiniProgram> {
    const base = g.wx as G; // miniprogram-simulate's API mock
    const ref: { mp?: MiniProgram } = {};
    const nav = {
      navigateTo: (url: string) => ref.mp!.navigate('navigateTo', url),
      redirectTo: (url: string) => ref.mp!.navigate('redirectTo', url),
      switchTab: (url: string) => ref.mp!.navigate('switchTab', url),
      reLaunch: (url: string) => ref.mp!.navigate('reLaunch', url),
      navigateBack: (delta: number) => ref.mp!.back(delta),
    };
    const wx = recordedWx(world, nav, base, device);
    wx.setCaller(openid);
    const mp = new MiniProgram(world, wx);
    ref.mp = mp;
    mp.install(base);
    const first = path ?? readAppJson().pages[0]!;
    const { route, query } = parseUrl(first);
    const launchOptions = { path: route, query, scene: 1001, referrerInfo: {} };
    // A cold start: the app's modules (its chunks, Taro's runtime) run afresh for each launch.
    jest.resetModules();
    require(join(DIST, 'app.js'));
    if (!mp.app) throw new Error('app.js 没有调用 App()');
    mp.app.onLaunch?.(launchOptions);
    mp.app.onShow?.(launchOptions);
    await mp.navigate('reLaunch', `/${first}`);
    return mp;
  }

  private install(base: G): void {
    const prev: G = {};
    const set = (k: string, v: unknown) => {
      prev[k] = g[k];
      g[k] = v;
    };
    set('wx', this.wx.wx);
    // Taro gives `behaviors` and `externalClasses` as `{}` when a component has none; WeChat
    // accepts that, j-component wants arrays.
    const simulateComponent = g.Component as (o: G) => void;
    set('Component', (o: G) =>
      simulateComponent({
        ...o,
        behaviors: Array.isArray(o.behaviors) ? o.behaviors : [],
        externalClasses: Array.isArray(o.externalClasses) ? o.externalClasses : [],
      }),
    );
    set('App', (config: G) => {
      this.app = config;
    });
    set('getApp', () => this.app);
    set('getCurrentPages', () => this.stack.map((p) => p.comp.instance));
    set('Page', (options: G) => {
      const methods: G = {};
      const extras: G = {};
      for (const [k, v] of Object.entries(options)) {
        if (k === 'data' || k === 'behaviors' || k === 'options') continue;
        if (typeof v === 'function') methods[k] = v;
        else extras[k] = v;
      }
      (g.Component as (o: G) => void)({
        data: options.data,
        behaviors: options.behaviors,
        options: options.options,
        methods,
        lifetimes: {
          created(this: G) {
            Object.assign(this, extras);
          },
        },
      });
    });
    const errors = jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
      this.console.push({ level: 'error', text: a.map(String).join(' ') });
    });
    const warns = jest.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => {
      this.console.push({ level: 'warn', text: a.map(String).join(' ') });
    });
    const onRejection = (e: unknown) => this.uncaught.push(String((e as Error)?.stack ?? e));
    process.on('unhandledRejection', onRejection);
    this.restore.push(() => {
      for (const [k, v] of Object.entries(prev)) g[k] = v;
      g.wx = base;
      errors.mockRestore();
      warns.mockRestore();
      process.off('unhandledRejection', onRejection);
    });
  }

  // ——— the page stack ———

  /** The page on top of the stack. */
  get page(): OpenPage {
    const p = this.stack[this.stack.length - 1];
    if (!p) throw new Error('页面栈为空');
    return p;
  }

  private async navigate(kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch', url: string): Promise<void> {
    const { route, query } = parseUrl(url, this.stack.length ? this.page.route : undefined);
    if (!this.pages.has(route))
      throw Object.assign(new Error(`${kind}:fail page "${route}" is not found`), { errMsg: `${kind}:fail page "${route}" is not found` });
    const isTab = this.tabPages.has(route);
    if (kind === 'switchTab' && !isTab)
      throw Object.assign(new Error(`switchTab:fail can not switch to no-tabBar page`), {
        errMsg: 'switchTab:fail can not switch to no-tabBar page',
      });
    if ((kind === 'navigateTo' || kind === 'redirectTo') && isTab) {
      throw Object.assign(new Error(`${kind}:fail can not ${kind} a tabbar page`), {
        errMsg: `${kind}:fail can not ${kind} a tabbar page`,
      });
    }
    if (kind === 'navigateTo' && this.stack.length >= 10)
      throw Object.assign(new Error('navigateTo:fail webview count limit exceed'), {
        errMsg: 'navigateTo:fail webview count limit exceed',
      });
    const top = this.stack[this.stack.length - 1];
    if (kind === 'navigateTo') {
      if (top) this.hide(top);
    } else if (kind === 'redirectTo') {
      if (top) this.unload(this.stack.pop()!);
    } else {
      while (this.stack.length) this.unload(this.stack.pop()!);
    }
    this.open(route, query);
    await this.settle();
  }

  private async back(delta: number): Promise<void> {
    if (this.stack.length <= 1) return;
    for (let i = 0; i < delta && this.stack.length > 1; i++) this.unload(this.stack.pop()!);
    const top = this.page;
    top.container.style.display = '';
    top.comp.instance.onShow?.();
    await this.settle();
  }

  private hide(p: OpenPage): void {
    p.comp.instance.onHide?.();
    p.container.style.display = 'none';
  }

  private unload(p: OpenPage): void {
    p.comp.instance.onUnload?.();
    p.comp.detach();
    p.tabBar?.detach();
    p.container.remove();
  }

  /**
   * A page's or component's definition, registered once per launch: like WeChat, each file's JS
   * runs once (its webpack chunk is installed once) and every visit makes a new instance of it.
   */
  private definition(file: string): string {
    let id = this.definitions.get(file);
    if (!id) {
      id = simulate.load(file, { rootPath: DIST });
      this.definitions.set(file, id);
    }
    return id;
  }

  private open(route: string, query: Record<string, string>): void {
    const file = join(DIST, route);
    if (!existsSync(`${file}.js`)) throw new Error(`页面文件缺失：${route}.js`);
    const container = doc().createElement('div');
    container.setAttribute('data-route', route);
    doc().body.appendChild(container);
    const comp = simulate.render(this.definition(file));
    const inst = comp.instance;
    inst.route = route;
    inst.options = query;
    let tabBar: JComponent | undefined;
    const page: OpenPage = { route, query, comp, container };
    this.stack.push(page);
    if (this.tabPages.has(route)) {
      tabBar = simulate.render(this.definition(join(DIST, 'custom-tab-bar/index')));
      page.tabBar = tabBar;
      inst.getTabBar = () => tabBar!.instance;
    }
    comp.attach(container);
    inst.onLoad?.({ ...query });
    inst.onShow?.();
    if (tabBar) tabBar.attach(container);
    inst.onReady?.();
  }

  /** Lets the app's promises, timers and setData calls run out. */
  async settle(rounds = 8): Promise<void> {
    for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 5));
  }

  // ——— what the user sees ———

  /** The visible text of the current page (and its tab bar), one line per text node. */
  text(): string {
    return visibleText(this.page.container);
  }

  /**
   * Elements of the current page matching a CSS selector. The framework prefixes the app's
   * classes: `.page--large` is `[class~="main--page--large"]` here.
   */
  select(selector: string): El[] {
    return Array.from(this.page.container.querySelectorAll(selector));
  }

  /** The visible text of the tab bar of the current page ('' when it has none). */
  tabBarText(): string {
    return this.page.tabBar ? visibleText(this.page.tabBar.dom) : '';
  }

  async waitFor(pred: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > until)
        throw new Error(`等待超时：${what}\n当前页面 ${this.page.route}：\n${this.text()}\n控制台：\n${this.consoleText()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await this.settle(2);
  }

  /** Waits until the page shows `text`. */
  async see(text: string | RegExp, timeoutMs?: number): Promise<void> {
    await this.waitFor(
      () => (typeof text === 'string' ? this.text().includes(text) : text.test(this.text())),
      `页面出现「${String(text)}」`,
      timeoutMs,
    );
  }

  /** Waits until `route` is on top of the stack. */
  async on(route: string, timeoutMs?: number): Promise<void> {
    await this.waitFor(() => this.stack.length > 0 && this.page.route === route, `打开页面 ${route}`, timeoutMs);
  }

  consoleText(): string {
    return this.console.map((c) => `[${c.level}] ${c.text}`).join('\n');
  }

  // ——— what the user does ———

  /** Taps the innermost element of the current page whose own text is `label` (or contains it, when no exact match). */
  async tap(label: string | RegExp, opts: { nth?: number; within?: El } = {}): Promise<void> {
    const el = this.find(label, opts);
    fire(el, 'tap', {});
    await this.settle();
  }

  /** Elements of the current page (and its tab bar) whose text is `label`, innermost first in document order. */
  findAll(label: string | RegExp, within?: El): El[] {
    const root = within ?? this.page.container;
    const matches = (s: string) => (typeof label === 'string' ? s === label : label.test(s));
    const all = [...root.querySelectorAll('*')].filter((e) => isVisible(e) && hasWx(e));
    const exact = all.filter((e) => matches(normalise(e.textContent ?? '')));
    // Innermost: no descendant matches too.
    const inner = exact.filter((e) => !exact.some((o) => o !== e && e.contains(o)));
    if (inner.length || typeof label !== 'string') return inner;
    const loose = all.filter((e) => normalise(e.textContent ?? '').includes(label));
    return loose.filter((e) => !loose.some((o) => o !== e && e.contains(o)));
  }

  find(label: string | RegExp, opts: { nth?: number; within?: El } = {}): El {
    const found = this.findAll(label, opts.within);
    const el = found[opts.nth ?? 0];
    if (!el) throw new Error(`找不到「${String(label)}」\n当前页面 ${this.page.route}：\n${this.text()}`);
    return el;
  }

  /** Types `value` into the `nth` field whose placeholder contains `placeholder` (input or textarea). */
  async input(placeholder: string, value: string, nth = 0): Promise<void> {
    const fields = this.fields().filter((f) => (placeholderOf(f) ?? '').includes(placeholder));
    const el = fields[nth];
    if (!el) {
      const known = this.fields().map((f) => placeholderOf(f) ?? '(无提示)');
      throw new Error(`找不到提示为「${placeholder}」的输入框；本页输入框：${known.join('、')}`);
    }
    fire(el, 'input', { value, cursor: value.length, keyCode: 0 });
    await this.settle(2);
    fire(el, 'blur', { value });
    await this.settle();
  }

  /** The text fields of the current page. */
  fields(): El[] {
    return [...this.page.container.querySelectorAll('wx-input, wx-textarea')].filter(isVisible);
  }

  /**
   * The text field a visible label is tied to, as WeChat ties them: the label's `for` is the
   * field's id. Fails when no label starts with `label` or it is tied to no field.
   */
  labelled(label: string): El {
    const el = this.select('wx-label').find((l) => isVisible(l) && visibleText(l).startsWith(label));
    if (!el) throw new Error(`找不到标签「${label}」`);
    const target = attributeOf(el, 'for');
    const field = this.fields().find((f) => typeof target === 'string' && target !== '' && attributeOf(f, 'id') === target);
    if (!field) throw new Error(`标签「${label}」没有关联到输入框（for=${String(target)}）`);
    return field;
  }

  /**
   * The shown text fields no shown label is tied to (a label with text whose `for` is the field's
   * id), each named by its placeholder, else its data-testid: a journey expects none.
   */
  unlabelledFields(): string[] {
    const tied = new Set(
      this.select('wx-label')
        .filter((l) => isVisible(l) && visibleText(l) !== '')
        .map((l) => attributeOf(l, 'for'))
        .filter((target): target is string => typeof target === 'string' && target !== ''),
    );
    return this.fields()
      .filter((f) => !tied.has(String(attributeOf(f, 'id') ?? '')))
      .map((f) => placeholderOf(f) || String(attributeOf(f, 'data-testid') ?? f.tagName));
  }

  /** Picks entry `index` of the `nth` picker on the page (a `change` event, as WeChat sends it). */
  async pick(index: number, nth = 0): Promise<void> {
    const pickers = [...this.page.container.querySelectorAll('wx-picker')].filter(isVisible);
    const el = pickers[nth];
    if (!el) throw new Error(`本页没有第 ${nth + 1} 个选择器`);
    fire(el, 'change', { value: index });
    await this.settle();
  }

  /** Sends `type` with `detail` to an element (switch, checkbox-group, …). */
  async fire(el: El, type: string, detail: Record<string, unknown> = {}): Promise<void> {
    fire(el, type, detail);
    await this.settle();
  }

  async pullDownRefresh(): Promise<void> {
    this.page.comp.instance.onPullDownRefresh?.();
    await this.settle();
  }

  async close(): Promise<void> {
    while (this.stack.length) this.unload(this.stack.pop()!);
    await this.settle(2);
    for (const r of this.restore.reverse()) r();
    this.wx.dispose();
  }
}

/** Sends an exparser event to the element's WeChat node, as a user's touch does (bubbling, composed). */
function fire(el: El, type: string, detail: Record<string, unknown>): void {
  let node: El | null = el;
  while (node && !hasWx(node)) node = node.parentElement;
  if (!node) throw new Error(`元素不是小程序节点：<${el.tagName.toLowerCase()}>`);
  const target = (node as unknown as { __wxElement: unknown }).__wxElement;
  const event = exparser.Event.create(type, detail, {
    originalEvent: newCustomEvent(type),
    bubbles: true,
    capturePhase: true,
    composed: true,
    extraFields: { touches: {}, changedTouches: {} },
  });
  exparser.Event.dispatchEvent(target, event);
}

function hasWx(e: El): boolean {
  return Boolean((e as unknown as { __wxElement?: unknown }).__wxElement);
}

/** A bound attribute of a built-in component (kept on the WeChat node: the template's values). */
export function attributeOf(e: El, name: string): unknown {
  const node = (e as unknown as { __wxElement?: { _vt?: { attrs?: { name: string; value: unknown }[] } } }).__wxElement;
  return node?._vt?.attrs?.find((a) => a.name === name)?.value;
}

function placeholderOf(e: El): string | undefined {
  const value = attributeOf(e, 'placeholder');
  return typeof value === 'string' ? value : undefined;
}

function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function isVisible(e: El): boolean {
  for (let n: El | null = e; n; n = n.parentElement) {
    const style = n.style;
    if (style && style.display === 'none') return false;
    if (n.hasAttribute('hidden') && n.getAttribute('hidden') !== 'false') return false;
  }
  return true;
}

/** Text nodes of `root` that are shown, one per line. */
export function visibleText(root: El): string {
  const out: string[] = [];
  const walk = (n: El) => {
    if (n.nodeType === 3) {
      const t = normalise(n.textContent ?? '');
      if (t) out.push(t);
      return;
    }
    if (n.nodeType !== 1) return;
    const el = n;
    if (el.style?.display === 'none') return;
    if (el.hasAttribute('hidden') && el.getAttribute('hidden') !== 'false') return;
    const tag = el.tagName.toLowerCase();
    if (tag === 'wx-wxs' || tag === 'script' || tag === 'style') return;
    n.childNodes.forEach(walk);
  };
  walk(root);
  return out.join('\n');
}

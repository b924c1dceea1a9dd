/**
 * Lets the app's `aria-*` props reach WeChat's screen reader (读屏).
 *
 * Taro's weapp templates (`base.wxml`) bind only the attributes its component table lists, and
 * that table has no `aria-*`: a `<View aria-role="radio" aria-checked>` rendered as a bare
 * `<view>`. This build plugin does what `@tarojs/plugin-inject` does for new attributes, for the
 * few the app uses (`weapp-aria.json`, one source for both halves):
 *
 * - build: `template.mergeComponents` adds them to the table the templates are generated from, so
 *   every `<view>` template binds `aria-role="{{i.pN}}"` and the rest;
 * - runtime: `weapp-aria-runtime.js` is pushed onto the platform's runtime modules and adds the
 *   same attributes to the runtime's table (`mergeInternalComponents`), which gives each prop its
 *   short name; both tables must list the same attributes or the names would not match.
 *
 * Each attribute costs its bytes in every template level of `base.wxml` (main package), so only
 * the ones the app uses: roles and names on View and Image, `aria-hidden` on Image and Text, the
 * field states on Input and Textarea (docs/decisions.md, "The weapp speaks to screen readers" and
 * "Text fields and icons for screen readers").
 */
import path from 'node:path';

/** `{ View: { 'aria-role': '' } }`: per component, each attribute with no default value. */
export type AriaComponents = Record<string, Record<string, string>>;

export const ARIA_COMPONENTS = require('./weapp-aria.json') as AriaComponents;

export const ARIA_RUNTIME = path.resolve(__dirname, 'weapp-aria-runtime.js');

/** The parts of Taro's platform plugin (TaroPlatformBase) this plugin touches. */
interface Platform {
  platform?: string;
  runtimePath: string | string[];
  template?: { mergeComponents(ctx: unknown, patch: AriaComponents): void };
}

interface PluginContext {
  registerMethod(method: { name: string; fn: (platform: Platform) => void }): void;
}

/** Adds the attributes to the platform's templates and its runtime (see above). */
export function addAria(ctx: unknown, platform: Platform, components: AriaComponents = ARIA_COMPONENTS): void {
  if (!platform.template) throw new Error('weapp-aria：该平台没有模板，无法加入读屏属性');
  // A copy: mergeComponents merges into Taro's table, which must not share our objects.
  platform.template.mergeComponents(ctx, JSON.parse(JSON.stringify(components)) as AriaComponents);
  platform.runtimePath = [...(Array.isArray(platform.runtimePath) ? platform.runtimePath : [platform.runtimePath]), ARIA_RUNTIME];
}

export default (ctx: PluginContext) => {
  ctx.registerMethod({ name: 'onSetupClose', fn: (platform) => addAria(ctx, platform) });
};

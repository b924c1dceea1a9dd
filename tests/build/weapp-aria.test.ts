/**
 * config/weapp-aria.ts: the build half adds the app's aria-* attributes to the weapp templates'
 * component table and puts the runtime half on the platform's runtime modules, whichever form
 * (one path or a list) the platform gives. The rendered result is held by tests/weapp/aria.weapp.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addAria, ARIA_COMPONENTS, ARIA_RUNTIME, type AriaComponents } from '../../config/weapp-aria';

function fakePlatform(runtimePath: string | string[]) {
  const merged: AriaComponents[] = [];
  const ctx = { name: 'ctx' };
  const platform = {
    runtimePath,
    template: {
      mergeComponents(c: unknown, patch: AriaComponents) {
        expect(c).toBe(ctx);
        merged.push(patch);
      },
    },
  };
  return { ctx, platform, merged };
}

describe('weapp-aria 构建插件', () => {
  it('把 View、Image、Text、Input、Textarea 的 aria 属性并入模板的组件表，并把运行时文件加到平台的运行时模块之后', () => {
    const { ctx, platform, merged } = fakePlatform('@tarojs/plugin-platform-weapp/dist/runtime');
    addAria(ctx, platform);
    expect(merged).toEqual([
      {
        View: { 'aria-role': '', 'aria-label': '', 'aria-checked': '', 'aria-selected': '', 'aria-disabled': '', 'aria-live': '' },
        Image: { 'aria-role': '', 'aria-label': '', 'aria-hidden': '' },
        Text: { 'aria-hidden': '' },
        Input: { 'aria-label': '', 'aria-required': '', 'aria-invalid': '', 'aria-describedby': '' },
        Textarea: { 'aria-label': '', 'aria-required': '', 'aria-invalid': '', 'aria-describedby': '' },
      },
    ]);
    // A copy: Taro's table must not share (and later change) the list both halves read.
    expect(merged[0]).not.toBe(ARIA_COMPONENTS);
    expect(platform.runtimePath).toEqual(['@tarojs/plugin-platform-weapp/dist/runtime', ARIA_RUNTIME]);

    const list = fakePlatform(['a', 'b']);
    addAria(list.ctx, list.platform);
    expect(list.platform.runtimePath).toEqual(['a', 'b', ARIA_RUNTIME]);
  });

  it('运行时文件读同一份属性表（两半的属性短名才一致）', () => {
    const runtime = readFileSync(ARIA_RUNTIME, 'utf8');
    expect(runtime).toMatch(/import \{ mergeInternalComponents \} from '@tarojs\/shared';/);
    expect(runtime).toMatch(/import components from '\.\/weapp-aria\.json';/);
    expect(runtime).toMatch(/mergeInternalComponents\(components\);/);
    expect(path.dirname(ARIA_RUNTIME)).toBe(path.resolve(__dirname, '../../config'));
  });

  it('平台没有模板时明确报错，不悄悄跳过', () => {
    expect(() => addAria({}, { runtimePath: 'x' })).toThrow(/weapp-aria：该平台没有模板/);
  });
});

import { asAlert, asButton } from './a11y';

/** Runs `f` as the given Taro target would (the helpers read TARO_ENV on each call). */
function on<T>(target: 'h5' | 'weapp', f: () => T): T {
  const before = process.env.TARO_ENV;
  process.env.TARO_ENV = target;
  try {
    return f();
  } finally {
    if (before === undefined) Reflect.deleteProperty(process.env, 'TARO_ENV');
    else process.env.TARO_ENV = before;
  }
}

describe('asAlert：错误提示出现时读屏立即读出', () => {
  it('H5 用 DOM 的 role="alert"（本身即为 assertive），不带小程序的属性', () => {
    expect(on('h5', asAlert)).toEqual({ role: 'alert' });
  });

  it('小程序用 aria-role="alert" 并加 aria-live="assertive"', () => {
    expect(on('weapp', asAlert)).toEqual({ 'aria-role': 'alert', 'aria-live': 'assertive' });
  });

  it('小程序模板绑定它用到的每个属性（config/weapp-aria.json 的 View 列表）', () => {
    const listed = Object.keys((require('../../config/weapp-aria.json') as { View: Record<string, string> }).View);
    for (const attr of [...Object.keys(on('weapp', asAlert)), ...Object.keys(on('weapp', () => asButton('重试')))]) {
      expect(listed).toContain(attr);
    }
  });
});

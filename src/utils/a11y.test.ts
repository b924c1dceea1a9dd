import { asAlert, asButton, asCheckbox, asField, decorative, spokenField } from './a11y';

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

/** The attributes config/weapp-aria.json lets reach the weapp on `component`. */
const listedOn = (component: string): string[] =>
  Object.keys((require('../../config/weapp-aria.json') as Record<string, Record<string, string>>)[component] ?? {});

describe('decorative：图标和符号不让读屏读出', () => {
  it('H5 是 aria-hidden="true"，小程序是布尔的 aria-hidden', () => {
    expect(on('h5', decorative)).toEqual({ 'aria-hidden': 'true' });
    expect(on('weapp', decorative)).toEqual({ 'aria-hidden': true });
  });

  it('小程序只在图标（Image）和符号（Text）上绑定 aria-hidden，View 上没有', () => {
    expect(listedOn('Image')).toContain('aria-hidden');
    expect(listedOn('Text')).toEqual(['aria-hidden']);
    expect(listedOn('View')).not.toContain('aria-hidden');
  });
});

describe('asField：输入框的必填、出错和说明', () => {
  const field = { id: 'f-desc', name: '说说情况', required: true, describedBy: ['f-desc-hint'] };

  it('读屏念出的名字：名称、必填、出错时的中文提示', () => {
    expect(spokenField({ name: '说说情况' })).toBe('说说情况');
    expect(spokenField({ name: '说说情况', required: true })).toBe('说说情况，必填');
    expect(spokenField({ name: '说说情况', required: true, error: '请用至少5个字说明情况' })).toBe('说说情况，必填，请用至少5个字说明情况');
  });

  it('H5 把 id 和 aria 放在真正的输入框上（nativeProps），出错时 aria-invalid 为 true 并指向提示', () => {
    expect(on('h5', () => asField(field))).toEqual({
      nativeProps: {
        id: 'f-desc',
        'aria-label': '说说情况',
        'aria-describedby': 'f-desc-hint',
        'aria-required': 'true',
        'aria-invalid': 'false',
      },
    });
    const invalid = on('h5', () => asField({ ...field, error: '太短', describedBy: ['f-err', false, undefined, 'f-desc-hint'] }));
    expect(invalid).toEqual({
      nativeProps: expect.objectContaining({ 'aria-invalid': 'true', 'aria-describedby': 'f-err f-desc-hint' }) as unknown,
    });
    // A visible <label for> names it: no aria-label over it; not required, no aria-required.
    expect(on('h5', () => asField({ name: '楼栋', labelled: true }))).toEqual({ nativeProps: { 'aria-invalid': 'false' } });
  });

  it('小程序在组件上带 aria-required / aria-invalid / aria-describedby，并用 aria-label 说出必填和错误', () => {
    expect(on('weapp', () => asField({ ...field, error: '太短', describedBy: ['f-err'] }))).toEqual({
      id: 'f-desc',
      'aria-label': '说说情况，必填，太短',
      'aria-required': true,
      'aria-invalid': true,
      'aria-describedby': 'f-err',
    });
    expect(on('weapp', () => asField({ name: '联系电话' }))).toEqual({
      'aria-label': '联系电话',
      'aria-required': false,
      'aria-invalid': false,
      'aria-describedby': '',
    });
  });

  it('小程序模板在 Input 和 Textarea 上绑定它用到的每个属性', () => {
    const attrs = Object.keys(on('weapp', () => asField(field))).filter((a) => a.startsWith('aria-'));
    for (const component of ['Input', 'Textarea']) expect(listedOn(component).sort()).toEqual(attrs.sort());
  });
});

describe('asCheckbox：自己开关的一项（只看超时、选中这件、自动公开）', () => {
  it('H5 是 role="checkbox"，小程序是 aria-role，两者都带 aria-checked 和中文名字', () => {
    expect(on('h5', () => asCheckbox(true, '只看超时'))).toEqual({ role: 'checkbox', 'aria-checked': true, 'aria-label': '只看超时' });
    expect(on('weapp', () => asCheckbox(false, '只看超时'))).toEqual({
      'aria-role': 'checkbox',
      'aria-checked': false,
      'aria-label': '只看超时',
    });
  });

  it('小程序模板绑定它用到的每个属性', () => {
    const listed = Object.keys((require('../../config/weapp-aria.json') as { View: Record<string, string> }).View);
    for (const attr of Object.keys(on('weapp', () => asCheckbox(true, '选中')))) expect(listed).toContain(attr);
  });
});

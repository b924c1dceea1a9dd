/**
 * The weapp speaks to WeChat's screen reader (读屏): the app's `aria-*` props reach the compiled
 * templates (config/weapp-aria.ts) and the rendered nodes. A resident's 我要上报 (问题类别, 是否公开,
 * 提交) and 评价 (满意 / 基本满意 / 不满意) are read as radio buttons with Chinese names, and tapping
 * a choice turns its `aria-checked` on and the others' off. A refused submit's Chinese message is an
 * alert (`aria-role="alert"`, `aria-live="assertive"`), read out as it appears. Without the plugin
 * Taro's templates bind no `aria-*` at all and every node here has none.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attributeOf, DIST, MiniProgram, type El } from './harness/mini-program';
import { fillReport, resolvedCase } from './harness/setup';
import { sqliteWorld, type World } from './harness/world';

const RESIDENT = 'demo-resident-3';
/**
 * What the app sets on View (src/utils/a11y.ts, big-button, cases filter, error lines), on Image
 * (photos to enlarge, icons hidden), on Text (glyph marks hidden) and on text fields (`asField`).
 */
const VIEW_ARIA = ['aria-role', 'aria-label', 'aria-checked', 'aria-selected', 'aria-disabled', 'aria-live'];
const IMAGE_ARIA = ['aria-role', 'aria-label', 'aria-hidden'];
const TEXT_ARIA = ['aria-hidden'];
const FIELD_ARIA = ['aria-label', 'aria-required', 'aria-invalid', 'aria-describedby'];
/** `aria-x="{{i.pN}}"`: the attribute bound to the node's data, as Taro binds its own. */
const bound = (attr: string) => new RegExp(` ${attr}="\\{\\{i\\.p\\d+\\}\\}"`);

let world: World;
let mp: MiniProgram | undefined;
let caseId = '';

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 0 });
  caseId = await resolvedCase(world, RESIDENT, 'weapp-aria-1');
});
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

/**
 * The value the template bound to `aria-<name>` on a node (WeChat keeps a built-in component's
 * attributes under camel-case names: `aria-checked` is `ariaChecked`; unset is '').
 */
function aria(node: El, name: 'role' | 'label' | 'checked' | 'disabled' | 'live'): unknown {
  return attributeOf(node, `aria${name[0]!.toUpperCase()}${name.slice(1)}`);
}

/** The nearest node, from `el` up, that has a screen-reader role: what 读屏 focuses and reads. */
function focusable(el: El): El {
  for (let n: El | null = el; n; n = n.parentElement) if (typeof aria(n, 'role') === 'string' && aria(n, 'role') !== '') return n;
  throw new Error(`「${el.textContent ?? ''}」及其上层没有 aria-role`);
}

/** What a screen reader gets from the node the visible text `label` sits in. */
function a11y(app: MiniProgram, label: string, nth = 0): { role: unknown; label: unknown; checked: unknown; node: El } {
  const node = focusable(app.find(label, { nth }));
  return { role: aria(node, 'role'), label: aria(node, 'label'), checked: aria(node, 'checked'), node };
}

/** Whether the choice showing `label` is announced as checked (false while it is not shown yet). */
function isChecked(app: MiniProgram, label: string): boolean {
  try {
    return a11y(app, label).checked === true;
  } catch {
    return false;
  }
}

describe('读屏：小程序的模板带上 aria 属性', () => {
  it('base.wxml 的每个 view 模板（各层的 view、static-view、catch-view）和 image、text、input、textarea 模板都绑定应用用到的 aria 属性', () => {
    const base = readFileSync(join(DIST, 'base.wxml'), 'utf8');
    // The full View templates: those with View's own attributes (pure-view and click-view carry
    // only class and style and are used only for nodes with no other props).
    const views = [...base.matchAll(/<view [^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes('hover-class='));
    expect(views.length).toBeGreaterThanOrEqual(3 * 14);
    for (const tag of views) for (const attr of VIEW_ARIA) expect(tag).toMatch(bound(attr));
    // Image is a leaf: one template for image and one for static-image.
    const images = [...base.matchAll(/<image [^>]*>/g)].map((m) => m[0]);
    expect(images).toHaveLength(2);
    for (const tag of images) for (const attr of IMAGE_ARIA) expect(tag).toMatch(bound(attr));
    // Text only hides (a glyph mark); the app names no Text.
    const texts = [...base.matchAll(/<text [^>]*>/g)].map((m) => m[0]);
    expect(texts.length).toBeGreaterThanOrEqual(2);
    for (const tag of texts) {
      expect(tag).toMatch(bound('aria-hidden'));
      expect(tag.match(/ aria-/g)).toHaveLength(TEXT_ARIA.length);
    }
    // Input and Textarea (leaves) say required, invalid and what describes them.
    for (const name of ['input', 'textarea']) {
      const fields = [...base.matchAll(new RegExp(`<${name} [^>]*>`, 'g'))].map((m) => m[0]);
      expect(fields.length).toBeGreaterThanOrEqual(1);
      for (const tag of fields) for (const attr of FIELD_ARIA) expect(tag).toMatch(bound(attr));
    }
    // The plugin's list is the one the app needs: nothing more, nothing on other components.
    const listed = JSON.parse(readFileSync(join(__dirname, '../../config/weapp-aria.json'), 'utf8')) as Record<string, object>;
    expect(Object.keys(listed).sort()).toEqual(['Image', 'Input', 'Text', 'Textarea', 'View']);
    expect(Object.keys(listed.View!).sort()).toEqual([...VIEW_ARIA].sort());
    expect(Object.keys(listed.Image!).sort()).toEqual([...IMAGE_ARIA].sort());
    expect(Object.keys(listed.Text!).sort()).toEqual([...TEXT_ARIA].sort());
    expect(Object.keys(listed.Input!).sort()).toEqual([...FIELD_ARIA].sort());
    expect(Object.keys(listed.Textarea!).sort()).toEqual([...FIELD_ARIA].sort());
  });
});

describe('读屏：居民上报与评价（小程序）', () => {
  it('我要上报：问题类别和是否公开是有中文名字的单选项，点选后 aria-checked 随之改变；提交是按钮', async () => {
    mp = await MiniProgram.launch(world, RESIDENT, 'pages-resident/report/index');
    await mp.see('设施维修');

    const repair = a11y(mp, '设施维修');
    expect(repair).toMatchObject({ role: 'radio', label: '设施维修', checked: false });
    expect(aria(repair.node.parentElement!, 'role')).toBe('radiogroup');
    expect(aria(repair.node.parentElement!, 'label')).toBe('遇到了什么问题');

    await mp.tap('设施维修');
    await mp.waitFor(() => isChecked(mp!, '设施维修'), '设施维修 aria-checked 变为 true');
    const others = [...(repair.node.parentElement!.childNodes as unknown as Iterable<El>)].filter(
      (n) => n.nodeType === 1 && aria(n, 'role') === 'radio',
    );
    expect(others.length).toBeGreaterThan(2);
    expect(others.filter((n) => aria(n, 'checked') === true).map((n) => aria(n, 'label'))).toEqual(['设施维修']);

    await mp.see('让邻居看到进展');
    const open = a11y(mp, '让邻居看到进展');
    const closed = a11y(mp, '只有办理人员能看到');
    expect(open).toMatchObject({ role: 'radio', label: '公开：让邻居看到进展' });
    expect(closed).toMatchObject({ role: 'radio', label: '不公开：只有办理人员能看到' });
    expect(aria(open.node.parentElement!, 'label')).toBe('是否公开');
    // Exactly one of the two is on, whichever the category's default is.
    expect([open.checked, closed.checked].sort()).toEqual([false, true]);
    const target = open.checked === true ? '只有办理人员能看到' : '让邻居看到进展';
    const other = open.checked === true ? '让邻居看到进展' : '只有办理人员能看到';
    await mp.tap(target);
    await mp.waitFor(() => isChecked(mp!, target), `${target} aria-checked 变为 true`);
    expect(a11y(mp, other).checked).toBe(false);

    await mp.see('提交诉求');
    const submit = a11y(mp, '提交诉求');
    expect(submit.role).toBe('button');
    expect(aria(submit.node, 'disabled')).toBe(false);
    // The place chips are radio buttons named by the place.
    await mp.see('渝园社区');
    expect(a11y(mp, '渝园社区')).toMatchObject({ role: 'radio', label: '渝园社区', checked: false });
    await mp.tap('渝园社区');
    await mp.waitFor(() => isChecked(mp!, '✓ 渝园社区'), '渝园社区 aria-checked 变为 true');
  });

  it('我要上报：说明太短时，提交后出现的中文提示是 alert（aria-live 为 assertive），读屏立即读出', async () => {
    await mp?.close();
    mp = await MiniProgram.launch(world, RESIDENT, 'pages-resident/report/index');
    await mp.see('设施维修');
    await fillReport(mp, '灯坏了');
    const message = '请用至少5个字说明情况（表情和标点不算）';
    expect(mp.text()).not.toContain(message);
    await mp.tap('提交诉求');
    await mp.see(message);
    const alert = a11y(mp, message);
    expect(alert.role).toBe('alert');
    expect(aria(alert.node, 'live')).toBe('assertive');
    expect(alert.node.textContent).toContain(message);
    // Refused before anything was sent: the resident still has only the case filed above.
    expect(mp.text()).not.toContain('诉求编号');
    expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
  });

  it('评价：满意、基本满意、不满意是单选项，点哪个哪个 aria-checked 为 true，其余为 false', async () => {
    await mp?.close();
    mp = await MiniProgram.launch(world, RESIDENT, `pages-resident/case/index?id=${caseId}`);
    await mp.see('问题解决了吗？请您评价');
    const names = ['满意', '基本满意', '不满意'];
    for (const name of names) expect(a11y(mp, name)).toMatchObject({ role: 'radio', label: name, checked: false });
    const group = a11y(mp, '满意').node.parentElement!;
    expect(aria(group, 'role')).toBe('radiogroup');
    expect(aria(group, 'label')).toBe('问题解决了吗？请您评价');

    for (const chosen of ['基本满意', '不满意', '满意']) {
      await mp.tap(chosen);
      await mp.waitFor(() => isChecked(mp!, chosen), `${chosen} aria-checked 变为 true`);
      for (const name of names.filter((n) => n !== chosen)) expect(a11y(mp, name).checked).toBe(false);
    }
    expect(a11y(mp, '提交评价').role).toBe('button');
    // The steward's after-photo is a button that says what it is and what a tap does.
    const afterPhotos = () => mp!.select('wx-image').filter((n) => aria(n, 'label') === '办理后的照片第1张，点按放大');
    await mp.waitFor(() => afterPhotos().length === 1, '办理后的照片带读屏名字');
    expect(aria(afterPhotos()[0]!, 'role')).toBe('button');
    expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
    expect(mp.uncaught).toEqual([]);
  });
});

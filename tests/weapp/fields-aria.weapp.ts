/**
 * Text fields and decorative marks as WeChat's screen reader (读屏) gets them, through the compiled
 * templates (config/weapp-aria.ts binds the attributes on Input, Textarea, Image and Text).
 *
 * 我要上报's 说说情况 is required and says so (`aria-required`, and 「必填」 in its `aria-label`); a
 * too-short text refused at 提交 marks it invalid, names the error line (`aria-describedby`) and puts
 * the error in its label, and typing enough turns all of that back. Icons beside a button's text and
 * the ◉/○ marks of a named choice are `aria-hidden`, so 读屏 does not read them before the text.
 * 评价's comment, refused empty after 不满意, is invalid and described by the refusal until written.
 * Without the plugin's Input/Textarea/Image/Text entries none of these attributes exists.
 */
import { attributeOf, MiniProgram, type El } from './harness/mini-program';
import { fillReport, resolvedCase } from './harness/setup';
import { sqliteWorld, type World } from './harness/world';

const RESIDENT = 'demo-resident-3';
const TOO_SHORT = '请用至少5个字说明情况（表情和标点不算）';

let world: World;
let mp: MiniProgram | undefined;

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 0 });
});
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

/** The value the template bound to `aria-<name>` (WeChat keeps them camel-cased: `ariaInvalid`). */
function aria(node: El, name: 'role' | 'label' | 'hidden' | 'required' | 'invalid' | 'describedby'): unknown {
  return attributeOf(node, `aria${name[0]!.toUpperCase()}${name.slice(1)}`);
}

/** The rendered node whose id is `id` (Taro binds a component's id to the node's id). */
function byId(app: MiniProgram, id: string): El | undefined {
  return app.select('*').find((n) => attributeOf(n, 'id') === id);
}

/** The nearest node, from `el` up, that has a screen-reader role. */
function focusable(el: El): El {
  for (let n: El | null = el; n; n = n.parentElement) if (typeof aria(n, 'role') === 'string' && aria(n, 'role') !== '') return n;
  throw new Error(`「${el.textContent ?? ''}」及其上层没有 aria-role`);
}

const descendants = (node: El, selector: string): El[] => [...(node.querySelectorAll(selector) as unknown as Iterable<El>)];

describe('读屏：我要上报的「说说情况」（小程序）', () => {
  it('是必填项；说明太短被拒后标为出错并指向那行提示，改好后恢复', async () => {
    mp = await MiniProgram.launch(world, RESIDENT, 'pages-resident/report/index');
    await mp.see('设施维修');
    const description = () => {
      const node = byId(mp!, 'rp-desc');
      if (!node) throw new Error('找不到 id 为 rp-desc 的输入框');
      return node;
    };
    expect(description().tagName.toLowerCase()).toBe('wx-textarea');
    expect(aria(description(), 'required')).toBe(true);
    expect(aria(description(), 'invalid')).toBe(false);
    expect(aria(description(), 'label')).toBe('说说情况，必填');
    expect(aria(description(), 'describedby')).toBe('rp-desc-hint');
    expect(byId(mp, 'rp-desc-hint')?.textContent).toContain('说清楚地点和情况');
    // The optional phone is named and not required.
    const phone = byId(mp, 'rp-phone')!;
    expect(aria(phone, 'label')).toBe('联系电话（选填）');
    expect(aria(phone, 'required')).toBe(false);

    await fillReport(mp, '灯坏了');
    await mp.tap('提交诉求');
    await mp.waitFor(() => aria(description(), 'invalid') === true, '说说情况 aria-invalid 变为 true');
    expect(aria(description(), 'label')).toBe(`说说情况，必填，${TOO_SHORT}`);
    expect(aria(description(), 'describedby')).toBe('rp-error rp-desc-hint');
    const line = byId(mp, 'rp-error');
    expect(line?.textContent).toContain(TOO_SHORT);
    expect(aria(line!, 'role')).toBe('alert');
    expect(aria(phone, 'invalid')).toBe(false);

    await mp.input('哪里坏了、坏了多久', '1栋门口路灯不亮，晚上看不清台阶');
    await mp.waitFor(() => aria(description(), 'invalid') === false, '说说情况 aria-invalid 变回 false');
    expect(aria(description(), 'label')).toBe('说说情况，必填');
    expect(aria(description(), 'describedby')).toBe('rp-desc-hint');
    await mp.waitFor(() => byId(mp!, 'rp-error') === undefined, '改好后出错提示消失');
    expect(mp.text()).not.toContain(TOO_SHORT);
    // Nothing was sent: still no 诉求编号.
    expect(mp.text()).not.toContain('诉求编号');
    expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
  });

  it('有名字的单选项里的 ◉ / ○ 符号不读', async () => {
    await mp?.close();
    mp = await MiniProgram.launch(world, RESIDENT, 'pages-resident/report/index');
    await mp.see('让邻居看到进展');
    const choice = focusable(mp.find('让邻居看到进展'));
    expect(aria(choice, 'label')).toBe('公开：让邻居看到进展');
    const marks = descendants(choice, 'wx-text').filter((t) => /^[◉○]$/.test((t.textContent ?? '').trim()));
    expect(marks).toHaveLength(1);
    expect(aria(marks[0]!, 'hidden')).toBe(true);
  });
});

describe('读屏：按钮里的图标不读（小程序）', () => {
  it('首页「我要上报」按钮里的图标 aria-hidden，按钮本身是有文字的按钮', async () => {
    await mp?.close();
    mp = await MiniProgram.launch(world, RESIDENT, 'pages/index/index');
    await mp.see('我要上报');
    const button = focusable(mp.find('我要上报'));
    expect(aria(button, 'role')).toBe('button');
    const icons = descendants(button, 'wx-image');
    expect(icons).toHaveLength(1);
    expect(aria(icons[0]!, 'hidden')).toBe(true);
    expect(button.textContent).toContain('我要上报');
    expect(mp.uncaught).toEqual([]);
  });
});

describe('读屏：评价的「哪里还没解决」（小程序）', () => {
  const REFUSED = '请说说哪里还没解决，便于重新办理';
  let caseId = '';
  beforeAll(async () => {
    caseId = await resolvedCase(world, RESIDENT, 'weapp-fields-aria-rate');
  });

  it('不满意时必填；空着提交被拒后标为出错并指向拒绝的那行，写上后恢复', async () => {
    await mp?.close();
    mp = await MiniProgram.launch(world, RESIDENT, `pages-resident/case/index?id=${caseId}`);
    await mp.see('问题解决了吗？请您评价');
    await mp.tap('不满意');
    const comment = () => {
      const node = mp!.select('wx-textarea').find((n) => String(aria(n, 'label')).startsWith('哪里还没解决'));
      if (!node) throw new Error('找不到「哪里还没解决」输入框');
      return node;
    };
    const commentShown = () => mp!.select('wx-textarea').some((n) => String(aria(n, 'label')).startsWith('哪里还没解决'));
    await mp.waitFor(commentShown, '选了不满意后出现「哪里还没解决」输入框');
    expect(aria(comment(), 'required')).toBe(true);
    expect(aria(comment(), 'invalid')).toBe(false);
    expect(aria(comment(), 'label')).toBe('哪里还没解决，必填');
    expect(aria(comment(), 'describedby')).toBe('');

    await mp.tap('提交，退回重新办理');
    await mp.waitFor(() => aria(comment(), 'invalid') === true, '哪里还没解决 aria-invalid 变为 true');
    expect(aria(comment(), 'label')).toBe(`哪里还没解决，必填，${REFUSED}`);
    expect(aria(comment(), 'describedby')).toBe('rt-error');
    const line = byId(mp, 'rt-error');
    expect(line?.textContent).toContain(REFUSED);
    expect(aria(line!, 'role')).toBe('alert');

    await mp.input('例如：灯修好了一天又不亮了', '换了灯泡第二天又不亮了');
    await mp.waitFor(() => aria(comment(), 'invalid') === false, '哪里还没解决 aria-invalid 变回 false');
    expect(aria(comment(), 'label')).toBe('哪里还没解决，必填');
    expect(aria(comment(), 'describedby')).toBe('');
    await mp.waitFor(() => byId(mp!, 'rt-error') === undefined, '写上后拒绝的那行消失');
    // Nothing was sent: the case still waits for its rating.
    expect((await world.store.getCase(caseId))?.status).toBe('resolved');
    expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
    expect(mp.uncaught).toEqual([]);
  });
});

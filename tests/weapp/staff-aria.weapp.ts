/**
 * The staff pages speak to WeChat's screen reader (读屏), rendered through WeChat's compiled
 * templates: the grid worker's 任务 list reads a task row as a button named by what the row shows
 * (查看诉求 编号 … 安全隐患，待受理：…，受理期限还剩 …，渝园社区 …，12月7日 …), its 受理 as a
 * button named by the case (受理 2612-0001 安全隐患), the status chips as radio buttons in the group
 * 任务状态 whose `aria-checked` follows a tap; the workbench's 待受理 tile is a button named
 * 待受理 1件，查看; the task page's actions are buttons. The community admin's 案件: 只看超时 is a
 * check box that flips on a tap, and in 选择 mode a row is a check box named 选中诉求 … that flips
 * when picked.
 */
import { attributeOf, MiniProgram, type El } from './harness/mini-program';
import { fileCase } from './harness/setup';
import { sqliteWorld, type World } from './harness/world';

const RESIDENT = 'demo-resident-5';
const WORKER = 'demo-11-grid-worker';
const ADMIN = 'demo-admin-1';
const DESCRIPTION = '楼下电动车在楼道里充电，电线拖在地上很危险';

let world: World;
let mp: MiniProgram | undefined;
let caseId = '';

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 0 });
  // 安全隐患 goes to the grid's grid worker.
  caseId = await fileCase(world, RESIDENT, {
    requestId: 'weapp-staff-aria-1',
    buildingId: 'sf-yuyuan-g1-b1',
    categoryId: 'cat-04',
    description: DESCRIPTION,
    isPublic: false,
  });
});
afterAll(async () => {
  await mp?.close();
  await world?.close();
});

/** The value the template bound to `aria-<name>` on a node ('' or undefined when unset). */
function aria(node: El, name: 'role' | 'label' | 'checked' | 'disabled'): unknown {
  return attributeOf(node, `aria${name[0]!.toUpperCase()}${name.slice(1)}`);
}

/** The nearest node, from `el` up, that has a screen-reader role: what 读屏 focuses and reads. */
function focusable(el: El): El {
  for (let n: El | null = el; n; n = n.parentElement) if (typeof aria(n, 'role') === 'string' && aria(n, 'role') !== '') return n;
  throw new Error(`「${el.textContent ?? ''}」及其上层没有 aria-role`);
}

/** What a screen reader gets from the node the visible text `label` sits in. */
function a11y(app: MiniProgram, label: string | RegExp): { role: unknown; label: unknown; checked: unknown; disabled: unknown; node: El } {
  const node = focusable(app.find(label));
  return { role: aria(node, 'role'), label: aria(node, 'label'), checked: aria(node, 'checked'), disabled: aria(node, 'disabled'), node };
}

/** Whether the node showing `label` is announced as checked (false while it is not shown). */
function isChecked(app: MiniProgram, label: string | RegExp): boolean {
  try {
    return a11y(app, label).checked === true;
  } catch {
    return false;
  }
}

/** The one-line text of the innermost node in `within` whose text matches `pattern`. */
function shown(app: MiniProgram, pattern: RegExp, within: El): string {
  return (app.find(pattern, { within }).textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('读屏：网格员的任务列表和任务（小程序）', () => {
  it('任务行是按钮，名字是行上显示的类别、状态、说明、剩余时间和地点；受理是按钮', async () => {
    const held = await world.store.getCase(caseId);
    expect(held?.status).toBe('assigned');
    mp = await MiniProgram.launch(world, WORKER, 'pages-member/tasks/index');
    await mp.see(DESCRIPTION);

    const row = a11y(mp, DESCRIPTION);
    expect(row.role).toBe('button');
    const card = row.node.parentElement!;
    const no = shown(mp, /^编号 \d{4}-\d{4}$/, card);
    const clock = shown(mp, /期限还剩/, card);
    const place = shown(mp, /^渝园社区/, card);
    const created = shown(mp, /^\d+月\d+日 \d\d:\d\d$/, card);
    expect(row.label).toBe(`查看诉求 ${no} 安全隐患，待受理：${DESCRIPTION}，${clock}，${place}，${created}`);

    const accept = a11y(mp, '受理');
    expect(accept.role).toBe('button');
    expect(accept.disabled).toBe(false);
    // Named by its case, short, so a list of them is not 「受理」「受理」「受理」.
    expect(accept.label).toBe(`受理 ${no.replace(/^编号 /, '')} 安全隐患`);
    // 受理 is its own button, not inside the row's.
    expect(row.node.contains(accept.node)).toBe(false);
  });

  it('状态筛选是「任务状态」组里的单选项，点「处理中」后它的 aria-checked 变为 true，「待受理」变为 false', async () => {
    const waiting = a11y(mp!, '待受理');
    expect(waiting).toMatchObject({ role: 'radio', label: '待受理', checked: true });
    expect(aria(waiting.node.parentElement!, 'role')).toBe('radiogroup');
    expect(aria(waiting.node.parentElement!, 'label')).toBe('任务状态');
    expect(a11y(mp!, '处理中')).toMatchObject({ role: 'radio', checked: false });

    await mp!.tap('处理中');
    await mp!.waitFor(() => isChecked(mp!, '处理中'), '处理中 aria-checked 变为 true');
    expect(a11y(mp!, '待受理').checked).toBe(false);
    await mp!.see('没有处理中的任务');

    await mp!.tap('待受理');
    await mp!.waitFor(() => isChecked(mp!, '待受理'), '待受理 aria-checked 变回 true');
    await mp!.see(DESCRIPTION);
  });

  it('工作台：「待受理」格是按钮，名字是显示的数目和点按做什么；任务旁的受理按诉求命名', async () => {
    await mp?.close();
    mp = await MiniProgram.launch(world, WORKER, 'pages/workbench/index');
    await mp.see(DESCRIPTION);
    const named = (label: string) => mp!.select('wx-view').filter((n) => aria(n, 'label') === label);
    await mp.waitFor(() => named('待受理 1件，查看').length === 1, '「待受理」格名为「待受理 1件，查看」');
    const tile = named('待受理 1件，查看')[0]!;
    expect(aria(tile, 'role')).toBe('button');
    expect(tile.textContent).toContain('待受理');
    const accept = a11y(mp, '受理');
    expect(accept.role).toBe('button');
    expect(String(accept.label)).toMatch(/^受理 \d{4}-\d{4} 安全隐患$/);

    await mp.close();
    mp = await MiniProgram.launch(world, WORKER, 'pages-member/tasks/index');
    await mp.see(DESCRIPTION);
  });

  it('打开任务：受理和受理后的办理动作都是按钮，读出的名字就是动作', async () => {
    await mp!.tap(DESCRIPTION);
    await mp!.on('pages-member/task/index');
    expect(mp!.page.query.id).toBe(caseId);
    await mp!.see('受理');
    expect(a11y(mp!, '受理')).toMatchObject({ role: 'button', disabled: false });
    await mp!.tap('受理');
    await mp!.see('记录进展');
    for (const action of ['记录进展', '办结']) expect(a11y(mp!, action).role).toBe('button');
    expect((await world.store.getCase(caseId))!.status).toBe('processing');
    expect(mp!.console.filter((c) => c.level === 'error')).toEqual([]);
    expect(mp!.uncaught).toEqual([]);
  });
});

describe('读屏：社区的案件列表（小程序）', () => {
  it('「只看超时」是复选框，点按后 aria-checked 变为 true；选择模式下每行是「选中诉求 …」复选框，选中后变为 true', async () => {
    await mp?.close();
    mp = await MiniProgram.launch(world, ADMIN, 'pages-admin/cases/index');
    await mp.see(DESCRIPTION);

    const overdue = a11y(mp, '只看超时');
    expect(overdue).toMatchObject({ role: 'checkbox', label: '只看超时', checked: false });
    await mp.tap('只看超时');
    await mp.waitFor(() => isChecked(mp!, '只看超时'), '只看超时 aria-checked 变为 true');
    await mp.tap('只看超时');
    await mp.waitFor(() => a11y(mp!, '只看超时').checked === false, '只看超时 aria-checked 变回 false');
    await mp.see(DESCRIPTION);

    // The row outside 选择 is a button that opens the case.
    const row = a11y(mp, DESCRIPTION);
    expect(row.role).toBe('button');
    expect(String(row.label)).toMatch(new RegExp(`^查看诉求 编号 \\d{4}-\\d{4} 安全隐患，处理中：${DESCRIPTION}，办结期限还剩`));
    // The admin's row shows who holds the case; its name says it too.
    expect(String(row.label)).toMatch(/，网格员 \S+$/);

    expect(a11y(mp, '选择')).toMatchObject({ role: 'button', label: '选择多件诉求' });
    await mp.tap('选择');
    await mp.waitFor(() => a11y(mp!, DESCRIPTION).role === 'checkbox', '选择模式下诉求行是复选框');
    const pick = a11y(mp, DESCRIPTION);
    expect(String(pick.label)).toMatch(new RegExp(`^选中诉求 编号 \\d{4}-\\d{4} 安全隐患，处理中：${DESCRIPTION}，`));
    expect(pick.checked).toBe(false);
    await mp.tap(DESCRIPTION);
    await mp.waitFor(() => isChecked(mp!, DESCRIPTION), '选中后 aria-checked 变为 true');
    expect(mp.console.filter((c) => c.level === 'error')).toEqual([]);
    expect(mp.uncaught).toEqual([]);
  });
});

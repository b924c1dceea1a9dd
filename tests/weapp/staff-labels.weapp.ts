/**
 * The staff pages moved onto the labelled field, in the weapp: each form opened as a user opens it,
 * every text field shown has a label whose `for` reaches it (WeChat's <label for> → the field's id),
 * and the named labels reach the field they describe. 配置 (问题类别, 时限方案, 节假日, 订阅消息,
 * 考核权重), 网格与人员, 案件 (搜索, 批量改派), the case page (合并, 不予受理, 改派) and 公开内容审核.
 */
import { attributeOf, MiniProgram } from './harness/mini-program';
import { fileCase } from './harness/setup';
import { sqliteWorld, type World } from './harness/world';

const STREET = 'demo-street-admin';
const ADMIN = 'demo-admin-1';
const DESCRIPTION = '4栋单元门的闭门器坏了，门一直关不上';

let world: World;
let mp: MiniProgram | undefined;
let caseId = '';

beforeAll(async () => {
  world = await sqliteWorld({ seedCases: 10 });
  caseId = await fileCase(world, 'demo-resident-4', {
    requestId: 'weapp-labels-1',
    buildingId: 'sf-yuyuan-g1-b4',
    description: DESCRIPTION,
    isPublic: true,
  });
});
afterEach(async () => {
  await mp?.close();
  mp = undefined;
});
afterAll(async () => {
  await world?.close();
});

/** Waits until each label is shown and tied to a field, then checks that no shown field lacks one. */
async function expectLabelled(labels: string[]): Promise<void> {
  const m = mp!;
  const tied = (label: string) => {
    try {
      m.labelled(label);
      return true;
    } catch {
      return false;
    }
  };
  await m.waitFor(() => labels.every(tied), `标签「${labels.join('」「')}」关联到输入框`);
  expect(m.unlabelledFields()).toEqual([]);
}

/** The placeholder of the field the label is tied to. */
const placeholderBy = (label: string) => attributeOf(mp!.labelled(label), 'placeholder');

describe('员工表单的每个输入框都有关联的标签（小程序）', () => {
  it('街道管理员：配置页的类别、时限方案、节假日、订阅消息、考核权重', async () => {
    mp = await MiniProgram.launch(world, STREET, 'pages-admin/config/index');
    await mp.see('＋ 新增类别');
    await mp.tap('设施维修', { nth: 0 });
    await mp.tap('＋ 新增类别');
    await expectLabelled(['名称', '居民看到的举例', '图标（可不填）']);
    expect(placeholderBy('居民看到的举例')).toBe('还没有街道自己的举例，居民看到的是默认举例');
    expect(placeholderBy('图标（可不填）')).toBe('图标：表情符号或图标名，如 lightbulb');

    await mp.tap('时限方案');
    await mp.tap('以此为基础新建自定义方案', { nth: 0 });
    await expectLabelled(['方案名称', '受理时限（派单后多久内受理）', '部门接到派遣后报到时限', '居民评价期（天，过期自动办结）']);

    await mp.tap('节假日');
    await expectLabelled(['通知原文']);
    expect(placeholderBy('通知原文')).toBe('国务院办公厅关于××××年部分节假日安排的通知……');

    await mp.tap('订阅消息');
    await expectLabelled(['模板 ID', '字段对应']);

    await mp.tap('考核权重');
    await expectLabelled(['响应率', '满意率']);
    expect(placeholderBy('满意率')).toBe('满意率（0–1000）');
    expect(mp.uncaught).toEqual([]);
  });

  it('社区书记：网格与人员的户数、楼栋、楼栋位置、成员、新网格', async () => {
    mp = await MiniProgram.launch(world, ADMIN, 'pages-admin/org/index');
    await mp.see('修改户数');
    await mp.tap('修改户数', { nth: 0 });
    await mp.tap(/ · (已|未)定位$/, { nth: 0 });
    await mp.tap('＋ 添加成员', { nth: 0 });
    await mp.tap('＋ 新建网格');
    await expectLabelled(['纬度', '经度', '姓名', '电话（选填）', '网格名称', '户数']);
    expect(placeholderBy('纬度')).toBe('纬度，如 29.3962');
    expect(mp.uncaught).toEqual([]);
  });

  it('社区书记：案件的搜索框和批量改派理由，案件页的合并、不予受理、改派', async () => {
    mp = await MiniProgram.launch(world, ADMIN, 'pages-admin/cases/index');
    await mp.see(DESCRIPTION);
    await mp.tap('选择');
    await mp.tap('选择', { nth: 0 });
    await mp.tap('改派');
    await expectLabelled(['查找诉求', '改派理由']);
    expect(placeholderBy('查找诉求')).toBe('编号、电话或问题描述中的字词');
    await mp.close();

    mp = await MiniProgram.launch(world, ADMIN, `pages-admin/case/index?id=${caseId}`);
    await mp.see('合并重复');
    await mp.tap('合并重复');
    await expectLabelled(['或输入编号']);
    await mp.tap('取消');
    await mp.tap('不予受理');
    await expectLabelled(['理由']);
    await mp.tap('取消');
    await mp.tap('改派');
    await mp.tap('派给TA', { nth: 0 });
    await expectLabelled(['改派理由']);
    expect(placeholderBy('改派理由')).toBe('改派理由（必填，会记入办理过程）');
    expect(mp.uncaught).toEqual([]);
  });

  it('社区书记：公开内容审核的修改后公开与不公开原因', async () => {
    mp = await MiniProgram.launch(world, ADMIN, 'pages-admin/review/index');
    await mp.see(DESCRIPTION);
    await mp.tap('修改后公开', { nth: 0 });
    await expectLabelled(['公开的文字']);
    await mp.tap('取消');
    await mp.tap('不公开', { nth: 0 });
    await expectLabelled(['不公开的原因']);
    expect(mp.uncaught).toEqual([]);
  });
});

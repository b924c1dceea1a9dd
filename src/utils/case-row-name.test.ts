import { caseActionName, caseRowName } from './case-row-name';

const row = {
  categoryName: '设施维修',
  statusName: '处理中',
  description: '  楼道灯坏了，\n晚上看不清台阶  ',
  placeName: '渝园社区 1栋',
};

describe('caseRowName：读屏读出的诉求行名字', () => {
  it('先说点按做什么，再按行上显示的顺序说类别、状态、说明、剩余时间和地点', () => {
    expect(caseRowName('查看诉求', row, '剩 2天')).toBe('查看诉求 设施维修，处理中：楼道灯坏了， 晚上看不清台阶，剩 2天，渝园社区 1栋');
  });

  it('有热线编号时带上编号；没有倒计时就不说', () => {
    expect(caseRowName('选中诉求', { ...row, no: '2026120031' }, '')).toBe(
      '选中诉求 编号 2026120031 设施维修，处理中：楼道灯坏了， 晚上看不清台阶，渝园社区 1栋',
    );
  });

  it('说明按行上的截法截到 40 个字，不多读行上没有的字', () => {
    const long = '一二三四五六七八九十'.repeat(5);
    const name = caseRowName('查看诉求', { ...row, description: long }, '');
    expect(name).toContain(`${long.slice(0, 40)}…`);
    expect(name).not.toContain(long.slice(0, 41));
  });
});

describe('caseRowName：地点之后的时间、标签和办理人', () => {
  it('按行上的顺序接在地点后面，没有的不读', () => {
    expect(caseRowName('查看诉求', row, '', ['12月7日 09:30', undefined, '重大', '', '未派单'])).toBe(
      '查看诉求 设施维修，处理中：楼道灯坏了， 晚上看不清台阶，渝园社区 1栋，12月7日 09:30，重大，未派单',
    );
  });
});

describe('caseActionName：列表里每行旁边的动作（受理）', () => {
  it('动作后面是行上显示的编号和类别，一列「受理」各不相同', () => {
    expect(caseActionName('受理', { ...row, no: '2612-0001', categoryName: '安全隐患' })).toBe('受理 2612-0001 安全隐患');
    expect(caseActionName('受理', { ...row, no: '2612-0002' })).not.toBe(caseActionName('受理', { ...row, no: '2612-0001' }));
  });

  it('没有编号时只说类别', () => {
    expect(caseActionName('正在受理', row)).toBe('正在受理 设施维修');
  });
});

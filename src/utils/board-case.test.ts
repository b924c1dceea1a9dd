import { BOARD_ROUTES, canSupport, caseSteps, compareGridNames, ordinalOf, photoUrl } from './board-case';

const ALL = ['pending', 'assigned', 'processing', 'escalated', 'resolved', 'closed', 'rejected', 'withdrawn', 'merged'];

describe('公开诉求的办理步骤', () => {
  it.each([
    ['pending', '受理'],
    ['assigned', '受理'],
    ['processing', '办理'],
    ['escalated', '吹哨办理'],
    ['resolved', '评价'],
  ])('%s：当前步骤是 %s', (status, current) => {
    const { steps, ended } = caseSteps(status, '');
    expect(ended).toBeUndefined();
    expect(steps.filter((s) => s.state === 'current').map((s) => s.label)).toEqual([current]);
    const at = steps.findIndex((s) => s.state === 'current');
    expect(steps.slice(0, at).every((s) => s.state === 'done')).toBe(true);
    expect(steps.slice(at + 1).every((s) => s.state === 'todo')).toBe(true);
  });

  it('已办结：五步都完成', () => {
    expect(caseSteps('closed', '已办结').steps.every((s) => s.state === 'done')).toBe(true);
  });

  it.each(['rejected', 'withdrawn', 'merged'])('%s：不画步骤，说明结束的原因', (status) => {
    expect(caseSteps(status, '不予受理')).toEqual({ steps: [], ended: '不予受理' });
  });

  it('只有办理中的诉求可以附议', () => {
    expect(ALL.filter(canSupport)).toEqual(['pending', 'assigned', 'processing', 'escalated']);
  });
});

describe('照片地址', () => {
  it('H5：经主机按诉求公开', () => {
    expect(photoUrl('ab12.jpg', 'C1', 'h5', '')).toBe('/files/ab12.jpg?caseId=C1');
    expect(photoUrl('ab12.jpg', 'C 1', 'h5', 'https://x.example')).toBe('https://x.example/files/ab12.jpg?caseId=C%201');
  });
  it('小程序：云文件 ID 原样交给 Image', () => {
    expect(photoUrl('cloud://env-1.abc/photo.jpg', 'C1', 'weapp')).toBe('cloud://env-1.abc/photo.jpg');
  });
});

describe('页面地址与网格排序', () => {
  it('地址带上编码后的参数', () => {
    expect(BOARD_ROUTES.caseDetail('C 1')).toBe('/pages-board/case/index?id=C%201');
    expect(BOARD_ROUTES.roster()).toBe('/pages-board/roster/index');
    expect(BOARD_ROUTES.cases({ communityId: 'a', gridId: undefined })).toBe('/pages-board/cases/index?communityId=a');
  });

  it('第一、第二……第十二网格按数字排', () => {
    expect(ordinalOf('第十二网格')).toBe(12);
    expect(ordinalOf('第二十网格')).toBe(20);
    expect(ordinalOf('第3网格')).toBe(3);
    expect(['第二网格', '第十网格', '第一网格', '东区'].sort(compareGridNames)).toEqual(['第一网格', '第二网格', '第十网格', '东区']);
  });
});

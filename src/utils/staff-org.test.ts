import { deactivatedNote } from './staff-org';

const steward = { roleName: '楼栋物管员', name: '杨芳' };

test('停用成员后说明改派了几件', () => {
  expect(deactivatedNote(steward, 0, 2)).toBe('已停用楼栋物管员 杨芳。TA 名下 2 件未办结的诉求已按角色改派给本网格其他成员。');
});

test('无人可接的件数单独说明，请管理员派单', () => {
  expect(deactivatedNote(steward, 1, 2)).toBe(
    '已停用楼栋物管员 杨芳。TA 名下 2 件未办结的诉求已按角色改派给本网格其他成员。还有 1 件暂时无人可接，请在「案件」中逐件派单。',
  );
  expect(deactivatedNote(steward, 3, 0)).toBe('已停用楼栋物管员 杨芳。还有 3 件暂时无人可接，请在「案件」中逐件派单。');
});

test('名下没有未办结的诉求', () => {
  expect(deactivatedNote({ roleName: '网格员', name: '刘秀英' }, 0, 0)).toBe('已停用网格员 刘秀英，TA 名下没有未办结的诉求。');
});

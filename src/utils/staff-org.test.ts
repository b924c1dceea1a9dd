import { deactivatedNote } from './staff-org';

test('停用成员后说明 TA 名下还有几件未办结、须改派', () => {
  expect(deactivatedNote({ roleName: '楼栋物管员', name: '杨芳' }, 2)).toBe(
    '已停用楼栋物管员 杨芳。TA 名下还有 2 件未办结的诉求，不会自动转出，请在「案件」中逐件改派。',
  );
  expect(deactivatedNote({ roleName: '网格员', name: '刘秀英' }, 0)).toBe('已停用网格员 刘秀英，TA 名下没有未办结的诉求。');
});

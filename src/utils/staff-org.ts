/**
 * What the 网格与人员 page says after a member is stopped. Their 待受理 / 处理中 tasks have gone to
 * someone else of the grid by the routing rules; what nobody on duty could take (or what is with
 * the street) is still theirs, and the admin is told how many to assign by hand.
 */
export function deactivatedNote(m: { roleName: string; name: string }, openCases: number, rerouted: number): string {
  const who = `${m.roleName} ${m.name}`;
  const moved = rerouted > 0 ? `TA 名下 ${rerouted} 件未办结的诉求已按角色改派给本网格其他成员。` : '';
  if (openCases > 0) return `已停用${who}。${moved}还有 ${openCases} 件暂时无人可接，请在「案件」中逐件派单。`;
  return moved ? `已停用${who}。${moved}` : `已停用${who}，TA 名下没有未办结的诉求。`;
}

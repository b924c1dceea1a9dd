/**
 * What the 网格与人员 page says after a member is stopped. The cases the member still holds stay
 * with them (nobody takes them over by themselves), so the admin is told how many to reassign.
 */
export function deactivatedNote(m: { roleName: string; name: string }, openCases: number): string {
  const who = `${m.roleName} ${m.name}`;
  return openCases > 0
    ? `已停用${who}。TA 名下还有 ${openCases} 件未办结的诉求，不会自动转出，请在「案件」中逐件改派。`
    : `已停用${who}，TA 名下没有未办结的诉求。`;
}

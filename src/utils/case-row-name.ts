import { excerpt } from './format';

/** What a staff list's row shows of a case (a subset of the card the server sends). */
export interface CaseRowShown {
  no?: string;
  categoryName: string;
  statusName: string;
  description: string;
  placeName: string;
}

/**
 * The name a screen reader gives a staff list's case row: what a tap does, then what the row
 * shows, in the order it shows it — 「查看诉求 编号 C-2026-12-0031 设施维修，处理中：楼道灯坏了，剩 2天，渝园社区 1栋」.
 * Only what the row shows (the description cut as the row cuts it), never more.
 */
export function caseRowName(verb: string, c: CaseRowShown, clockText: string): string {
  const no = c.no ? ` 编号 ${c.no}` : '';
  const clock = clockText ? `，${clockText}` : '';
  return `${verb}${no} ${c.categoryName}，${c.statusName}：${excerpt(c.description, 40)}${clock}，${c.placeName}`;
}

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
 * shows, in the order it shows it — 「查看诉求 编号 2612-0031 设施维修，处理中：楼道灯坏了，剩 2天，
 * 渝园社区 1栋，12月7日 09:30，重大，未派单」. `more` is what the row shows after the place (the
 * time it came in, its tags, who holds it); absent ones are left out. Only what the row shows (the
 * description cut as the row cuts it), never more; and all of it, because a button's name replaces
 * what is inside it for the screen reader.
 */
export function caseRowName(verb: string, c: CaseRowShown, clockText: string, more: ReadonlyArray<string | undefined> = []): string {
  const no = c.no ? ` 编号 ${c.no}` : '';
  const clock = clockText ? `，${clockText}` : '';
  const after = more.filter((s): s is string => Boolean(s)).map((s) => `，${s}`);
  return `${verb}${no} ${c.categoryName}，${c.statusName}：${excerpt(c.description, 40)}${clock}，${c.placeName}${after.join('')}`;
}

/**
 * The short name of an action on one row of a list (the quick 受理 beside each task), so a screen
 * reader does not hear 「受理」「受理」 down the list: the verb, then the number and category the
 * row shows — 「受理 2612-0001 安全隐患」.
 */
export const caseActionName = (verb: string, c: Pick<CaseRowShown, 'no' | 'categoryName'>): string =>
  [verb, c.no, c.categoryName].filter(Boolean).join(' ');

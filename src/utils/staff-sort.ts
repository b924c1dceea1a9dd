/** Natural order of names (第一网格 before 第二网格): the core's, for the staff pages. */
import { compareNames } from '../../core/place-names';

export { chineseNumber, compareNames } from '../../core/place-names';

export const byName = <T extends { name: string }>(a: T, b: T): number => compareNames(a.name, b.name);

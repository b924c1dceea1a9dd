/**
 * The street's departments (职能部门) as the street admin keeps them: a name people know, what the
 * department handles and the categories it is called (吹哨 / 报到) for, a contact phone. Pure rules
 * only — names compared as people read them, duplicates, the categories a department may name, and
 * which departments to offer first for a case.
 */
import { fail, ok, type Result } from './errors';

export const DEPARTMENT_NAME_MAX = 30;
export const DEPARTMENT_HANDLES_MAX = 200;
export const DEPARTMENT_CATEGORIES_MAX = 20;

/** What the rules read of a department. */
export interface DepartmentLike {
  id: string;
  name: string;
  active: boolean;
  categoryIds?: string[];
}

/** A name as typed, with inner runs of spaces (also full-width) made one and the ends trimmed. */
export const tidyDepartmentName = (name: string): string => name.replace(/[\s\u3000]+/g, ' ').trim();

/** The key two names are compared by: no spaces, full-width letters and digits as half-width, lower case. */
export function departmentNameKey(name: string): string {
  return tidyDepartmentName(name).normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * The tidy name, or why it cannot be used: empty, too long, or already the name of another
 * department of the street (a stopped one too — restart it instead of making a second).
 */
export function checkDepartmentName(name: string, others: readonly DepartmentLike[], selfId?: string): Result<string> {
  const tidy = tidyDepartmentName(name);
  if (!tidy) return fail('INPUT.INVALID', '请填写部门名称');
  if (Array.from(tidy).length > DEPARTMENT_NAME_MAX) return fail('INPUT.INVALID', `部门名称过长（最多${DEPARTMENT_NAME_MAX}字）`);
  const key = departmentNameKey(tidy);
  const same = others.find((d) => d.id !== selfId && departmentNameKey(d.name) === key);
  if (same)
    return fail(
      'INPUT.INVALID',
      same.active ? `本街道已有名为「${same.name}」的部门` : `本街道已有名为「${same.name}」的部门（已停用，可重新启用）`,
    );
  return ok(tidy);
}

/**
 * The categories a department is called for: each must be one of the street's categories in use,
 * named once. Answers them in the street's order.
 */
export function checkDepartmentCategories(
  ids: readonly string[],
  categories: readonly { id: string; name: string; active: boolean; order: number }[],
): Result<string[]> {
  if (ids.length > DEPARTMENT_CATEGORIES_MAX) return fail('INPUT.INVALID', `负责类别最多选${DEPARTMENT_CATEGORIES_MAX}个`);
  if (new Set(ids).size !== ids.length) return fail('INPUT.INVALID', '负责类别有重复');
  const known = new Map(categories.map((c) => [c.id, c]));
  for (const id of ids) {
    const c = known.get(id);
    if (!c) return fail('CATEGORY.NOT_FOUND', '所选类别不存在');
    if (!c.active) return fail('INPUT.INVALID', `类别「${c.name}」已停用，不能选择`);
  }
  return ok([...ids].sort((a, b) => known.get(a)!.order - known.get(b)!.order));
}

/**
 * The departments a street admin may call to a case: those in use only, the ones that handle the
 * case's category first, then by name. A stopped department is never offered.
 */
export function departmentsToOffer<D extends DepartmentLike>(
  departments: readonly D[],
  categoryId?: string,
): (D & { handlesCategory: boolean })[] {
  return departments
    .filter((d) => d.active)
    .map((d) => ({ ...d, handlesCategory: categoryId !== undefined && (d.categoryIds ?? []).includes(categoryId) }))
    .sort((a, b) => Number(b.handlesCategory) - Number(a.handlesCategory) || a.name.localeCompare(b.name, 'zh'));
}

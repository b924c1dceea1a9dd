/** The configuration of `admin`: categories and their roles, time-limit policies, holidays, subscribe templates (the score weights: ./weights.ts). */
import * as z from 'zod';
import { holidayActions } from './holidays';
import { fail, ok } from '../../../core/errors';
import {
  CASE_KINDS,
  MEMBER_ROLES,
  ROLE_NAMES,
  SEVERITIES,
  SEVERITY_NAMES,
  type Category,
  type MemberRole,
  NOTICE_KINDS,
} from '../../../core/model';
import { overriddenRole, roleForCategory } from '../../../core/route-case';
import { POLICY_PRESETS, describeDuration, type TimePolicy } from '../../../core/time-policy';
import { TEMPLATE_SETTING_ID, type TemplateConfig } from '../../notify/dispatcher';
import { subscribeTypeProblem } from '../../notify/subscribe-types';
import type { Community, StoredPolicy } from '../../store/ref-docs';
import { id, localDate, requiredText, text } from '../../validation';
import { ADMINS, STREET_ONLY, staffAction, isAdminScope, inCommunity, communitiesOf, type AdminCall } from './scope';
import { writeRef, updateRef } from './ref-writes';

const durationSchema = z
  .strictObject({ amount: z.number().int().min(1), unit: z.enum(['minutes', 'hours', 'workdays']) })
  .refine((d) => d.amount <= { minutes: 43200, hours: 720, workdays: 60 }[d.unit], { message: '时限过长（最多30天或60个工作日）' });
const severityLimitsSchema = z.strictObject({ respond: durationSchema, resolve: durationSchema, escalate: durationSchema.optional() });
const policySchema = z.strictObject({
  id: id.optional(),
  name: requiredText(30),
  limits: z.strictObject({ simple: severityLimitsSchema, complex: severityLimitsSchema, major: severityLimitsSchema }),
  departmentReport: durationSchema,
  streetResolve: durationSchema,
  ratingWindowDays: z.number().int().min(1).max(30),
  reminderShare: z.number().gt(0).lt(1),
  autoEscalateOnOverdue: z.boolean(),
  communityId: id.optional(),
});
const PRESET_IDS = new Set(POLICY_PRESETS.map((p) => p.id));

const templatesSchema = z.partialRecord(
  z.enum(NOTICE_KINDS),
  z.strictObject({
    templateId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/),
    fields: z
      .record(
        z.string().regex(/^(thing|phrase|character_string|name|letter|time|date|number|amount)\d{1,2}$/),
        z.enum(['title', 'body', 'caseId', 'time', 'status']),
      )
      .refine((f) => Object.keys(f).length >= 1 && Object.keys(f).length <= 10, { message: '模板字段须为1到10个' }),
    longTerm: z.boolean().optional(),
  }),
);

/** `examples`: the street's own words only (residents see the default for its name without them). */
const categoryView = (c: Category) => ({ ...c, icon: c.icon ?? '', roleName: ROLE_NAMES[c.role] });

/** The communities (of those given, in their order) that route a category to a role of their own. */
function overridesOf(category: Category, communities: readonly Community[]) {
  return communities.flatMap((c) => {
    const role = overriddenRole(category.id, c);
    return role ? [{ communityId: c.id, communityName: c.name, role, roleName: ROLE_NAMES[role] }] : [];
  });
}

/** The community with its role for a category set; none is kept when it is the category's default. */
function withCategoryRole(c: Community, category: Category, role: MemberRole | null): Community {
  const { categoryRoles, ...rest } = c;
  const others = Object.fromEntries(Object.entries(categoryRoles ?? {}).filter(([categoryId]) => categoryId !== category.id));
  const roles: Record<string, MemberRole> = role === null || role === category.role ? others : { ...others, [category.id]: role };
  return Object.keys(roles).length > 0 ? { ...rest, categoryRoles: roles } : rest;
}

const listCategoriesInput = z.strictObject({});

export async function listCategories(_i: z.infer<typeof listCategoriesInput>, call: AdminCall) {
  const { dir, scope } = call;
  const communities = communitiesOf(scope, dir);
  if (!communities.ok) return communities;
  return ok({
    items: [...dir.categories.values()]
      .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
      .map((c) => ({ ...categoryView(c), overrides: overridesOf(c, communities.value) })),
  });
}

const setCategoryRoleInput = z.strictObject({ communityId: id, categoryId: id, role: z.enum(MEMBER_ROLES).nullable() });

/**
 * A community's own role for a category (`null`: back to the category's default). The categories
 * stay the street's; a community admin chooses only who handles them in their community.
 */
export async function setCategoryRole(input: z.infer<typeof setCategoryRoleInput>, call: AdminCall) {
  const { dir, scope, deps } = call;
  const cs = communitiesOf(scope, dir, input.communityId);
  if (!cs.ok) return cs;
  const category = dir.categories.get(input.categoryId);
  // A stopped category takes no new role, but an override left on it can still be cleared.
  if (!category || (!category.active && input.role !== null)) return fail('CATEGORY.NOT_FOUND', '类别不存在');
  const c = cs.value[0]!;
  const next = await updateRef(deps.store, 'communities', c, (fresh) => withCategoryRole(fresh, category, input.role));
  const role = roleForCategory(category, next);
  return ok({
    communityId: c.id,
    categoryId: category.id,
    role,
    roleName: ROLE_NAMES[role],
    overridden: overriddenRole(category.id, next) !== undefined,
  });
}

const createCategoryInput = z.strictObject({
  name: requiredText(10),
  role: z.enum(MEMBER_ROLES),
  kind: z.enum(CASE_KINDS),
  defaultPublic: z.boolean(),
  icon: text(8).optional(),
});

// Categories are shared by every community of the street: only the street edits them.
export async function createCategory(input: z.infer<typeof createCategoryInput>, call: AdminCall) {
  const name = input.name.trim();
  const all = [...call.dir.categories.values()];
  if (all.some((c) => c.active && c.name === name)) return fail('INPUT.INVALID', `已有名为「${name}」的类别`);
  const c: Category = {
    id: call.deps.newId('cat-'),
    name,
    role: input.role,
    kind: input.kind,
    defaultPublic: input.defaultPublic,
    active: true,
    order: Math.max(0, ...all.map((x) => x.order)) + 1,
    ...(input.icon ? { icon: input.icon } : {}),
  };
  await writeRef(call.deps.store, 'categories', c);
  return ok(categoryView(c));
}

const EXAMPLES_MAX = 60;

const updateCategoryInput = z.strictObject({
  categoryId: id,
  name: requiredText(10).optional(),
  role: z.enum(MEMBER_ROLES).optional(),
  kind: z.enum(CASE_KINDS).optional(),
  defaultPublic: z.boolean().optional(),
  icon: text(8).optional(),
  order: z.number().int().min(0).max(10000).optional(),
  active: z.boolean().optional(),
  /** The examples residents see under it; empty goes back to the default for its name. */
  examples: text(EXAMPLES_MAX)
    .refine((e) => Array.from(e.trim()).length <= EXAMPLES_MAX, { message: `过长（最多${EXAMPLES_MAX}字）` })
    .optional(),
});

export async function updateCategory(input: z.infer<typeof updateCategoryInput>, call: AdminCall) {
  const c = call.dir.categories.get(input.categoryId);
  if (!c) return fail('CATEGORY.NOT_FOUND', '类别不存在');
  const { categoryId: _id, examples, ...patch } = input;
  if (Object.keys(patch).length === 0 && examples === undefined) return fail('INPUT.INVALID', '请填写要修改的内容');
  const next: Category = { ...c, ...patch, ...(patch.name ? { name: patch.name.trim() } : {}) };
  if ([...call.dir.categories.values()].some((x) => x.id !== c.id && x.active && next.active && x.name === next.name))
    return fail('INPUT.INVALID', `已有名为「${next.name}」的类别`);
  const written = await updateRef(call.deps.store, 'categories', c, (fresh) => {
    const n: Category = { ...fresh, ...patch, ...(patch.name ? { name: patch.name.trim() } : {}) };
    if (examples !== undefined) {
      if (examples.trim()) n.examples = examples.trim();
      else delete n.examples;
    }
    return n;
  });
  return ok(categoryView(written));
}

const deactivateCategoryInput = z.strictObject({ categoryId: id });

export async function deactivateCategory(input: z.infer<typeof deactivateCategoryInput>, call: AdminCall) {
  const c = call.dir.categories.get(input.categoryId);
  if (!c) return fail('CATEGORY.NOT_FOUND', '类别不存在');
  return ok(categoryView(await updateRef(call.deps.store, 'categories', c, (fresh) => ({ ...fresh, active: false }))));
}

const listPoliciesInput = z.strictObject({});

export async function listPolicies(_i: z.infer<typeof listPoliciesInput>, call: AdminCall) {
  const { dir, scope } = call;
  const stored = [...dir.policies.values()];
  const presets = POLICY_PRESETS.map((p) => dir.policies.get(p.id) ?? p);
  const custom = stored.filter(
    (p) => !PRESET_IDS.has(p.id) && (p.communityId === undefined ? isAdminScope(scope) : inCommunity(scope, dir, p.communityId)),
  );
  const communities = [...dir.communities.values()].filter((c) => inCommunity(scope, dir, c.id));
  const view = (p: TimePolicy & { communityId?: string }, preset: boolean) => ({
    ...p,
    preset,
    summary: SEVERITIES.map(
      (s) => `${SEVERITY_NAMES[s]}：${describeDuration(p.limits[s].respond)}内受理，${describeDuration(p.limits[s].resolve)}内办结`,
    ),
    usedBy: communities.filter((c) => c.policyId === p.id).map((c) => ({ id: c.id, name: c.name })),
  });
  return ok({ items: [...presets.map((p) => view(p, true)), ...custom.map((p) => view(p, false))] });
}

const savePolicyInput = z.strictObject({ policy: policySchema });

/** Saves a custom time-limit policy (the presets stay as the seeds wrote them). */
export async function savePolicy(input: z.infer<typeof savePolicyInput>, call: AdminCall) {
  const { dir, scope, deps } = call;
  const p = input.policy;
  if (p.id && PRESET_IDS.has(p.id)) return fail('POLICY.INVALID', '预置方案（三日办结、5341）不能修改，请另存为自定义方案');
  let communityId = p.communityId;
  if (communityId === undefined && scope.streetIds.size === 0) {
    if (scope.communityIds.size !== 1) return fail('POLICY.INVALID', '请选择方案所属社区');
    communityId = [...scope.communityIds][0];
  }
  if (communityId !== undefined && !inCommunity(scope, dir, communityId)) return fail('AUTH.FORBIDDEN', '只能为本社区设置时限方案');
  if (p.id) {
    const existing = dir.policies.get(p.id);
    if (!existing) return fail('POLICY.INVALID', '时限方案不存在');
    const owned = existing.communityId === undefined ? scope.streetIds.size > 0 : inCommunity(scope, dir, existing.communityId);
    if (!owned) return fail('AUTH.FORBIDDEN', '只能修改本社区的时限方案');
  }
  const saved: StoredPolicy = { ...p, id: p.id ?? deps.newId('P'), ...(communityId ? { communityId } : {}) };
  await writeRef(deps.store, 'policies', saved);
  return ok({ ...saved, preset: false });
}

const setCommunityPolicyInput = z.strictObject({ communityId: id, policyId: id });

export async function setCommunityPolicy(input: z.infer<typeof setCommunityPolicyInput>, call: AdminCall) {
  const { dir, scope } = call;
  const cs = communitiesOf(scope, dir, input.communityId);
  if (!cs.ok) return cs;
  const c = cs.value[0]!;
  const p = dir.policies.get(input.policyId) ?? POLICY_PRESETS.find((x) => x.id === input.policyId);
  if (!p) return fail('POLICY.INVALID', '时限方案不存在');
  const owner = (p as StoredPolicy).communityId;
  if (owner !== undefined && owner !== c.id) return fail('POLICY.INVALID', '该方案属于其他社区，不能选用');
  if (!dir.policies.has(p.id)) await call.deps.store.putRef('policies', { ...p });
  await updateRef(call.deps.store, 'communities', c, (fresh) => ({ ...fresh, policyId: p.id }));
  return ok({ communityId: c.id, policyId: p.id, policyName: p.name });
}

const setHolidayInput = z.strictObject({ date: localDate, workday: z.boolean(), note: text(50) });

// The working-day calendar is one for the whole street: only the street changes it.
export async function setHoliday(input: z.infer<typeof setHolidayInput>, call: AdminCall) {
  const doc = { id: input.date, date: input.date, workday: input.workday, note: input.note.trim() };
  await writeRef(call.deps.store, 'holidays', doc);
  return ok(doc);
}

const getTemplatesInput = z.strictObject({});

export async function getTemplates(_i: z.infer<typeof getTemplatesInput>, call: AdminCall) {
  const stored = await call.deps.store.getRef('settings', TEMPLATE_SETTING_ID);
  return ok({ templates: (stored?.value ?? {}) as TemplateConfig });
}

const setTemplatesInput = z.strictObject({ templates: templatesSchema });

export async function setTemplates(input: z.infer<typeof setTemplatesInput>, call: AdminCall) {
  const mixed = subscribeTypeProblem(input.templates as TemplateConfig);
  if (mixed) return fail('INPUT.INVALID', mixed);
  await writeRef(call.deps.store, 'settings', { id: TEMPLATE_SETTING_ID, value: input.templates });
  return ok({ templates: input.templates as TemplateConfig });
}

export const configurationActions = {
  listCategories: staffAction(ADMINS, listCategoriesInput, listCategories),
  setCategoryRole: staffAction(ADMINS, setCategoryRoleInput, setCategoryRole),
  createCategory: staffAction(STREET_ONLY, createCategoryInput, createCategory),
  updateCategory: staffAction(STREET_ONLY, updateCategoryInput, updateCategory),
  deactivateCategory: staffAction(STREET_ONLY, deactivateCategoryInput, deactivateCategory),
  listPolicies: staffAction(ADMINS, listPoliciesInput, listPolicies),
  savePolicy: staffAction(ADMINS, savePolicyInput, savePolicy),
  setCommunityPolicy: staffAction(ADMINS, setCommunityPolicyInput, setCommunityPolicy),

  ...holidayActions,
  setHoliday: staffAction(STREET_ONLY, setHolidayInput, setHoliday),
  getTemplates: staffAction(ADMINS, getTemplatesInput, getTemplates),
  setTemplates: staffAction(STREET_ONLY, setTemplatesInput, setTemplates),
};

import type { ReactNode } from 'react';
import type { Action, ActionForm } from '../../components/action-panel';
import { StaffChips } from '../../components/staff-ui';
import { adminApi } from '../../services/admin-api';
import type { StaffAction, StaffCaseDetail } from '../../services/member-api';

/** How much more time an admin may give at once; the reason is asked for every time. */
export const GRANT_AMOUNTS = {
  '4h': { amount: 4, unit: 'hours', label: '4小时' },
  '1wd': { amount: 1, unit: 'workdays', label: '1个工作日' },
  '3wd': { amount: 3, unit: 'workdays', label: '3个工作日' },
  '5wd': { amount: 5, unit: 'workdays', label: '5个工作日' },
} as const;
export type GrantKey = keyof typeof GRANT_AMOUNTS;
export const GRANTS = (Object.keys(GRANT_AMOUNTS) as GrantKey[]).map((value) => ({ value, label: GRANT_AMOUNTS[value].label }));

export type Panel = 'assign' | 'escalate' | 'dispatch' | 'report' | 'resolve' | 'reject' | 'merge' | 'supervise' | 'grant';

/** What the table needs from the page: the case, what the rules allow now, and how to finish. */
export interface AdminCaseContext {
  c: StaffCaseDetail;
  can: (action: StaffAction) => boolean;
  canReport: boolean;
  canDispatch: boolean;
  canResolve: boolean;
  canEscalate: boolean;
  grant: GrantKey;
  setGrant: (g: GrantKey) => void;
  /** Says `message`, closes the form and reloads the case. */
  done: (message: string) => Promise<void>;
  /** The panels of their own (派单, 派遣部门, 合并), given a way to close them. */
  assign: (close: () => void) => ReactNode;
  dispatch: (close: () => void) => ReactNode;
  merge: (close: () => void) => ReactNode;
}

/**
 * What the admin can do to a case, and the form or panel each action opens: the table the admin's
 * case page hands to ActionPanel. A new action is one row here (docs/design.md).
 */
export function adminCaseActions(ctx: AdminCaseContext): Action<Panel>[] {
  const { c: k, can, canReport, canDispatch, canResolve, canEscalate, grant, setGrant, done } = ctx;
  /** A form of words whose reason is all it sends. */
  const reasonForm = (f: Omit<ActionForm, 'send'>, sendIt: (reason: string) => Promise<unknown>, message: string): ActionForm => ({
    ...f,
    send: async (reason) => {
      await sendIt(reason);
      await done(message);
    },
  });
  return [
    {
      key: 'assign',
      show: can('assign'),
      label: k.status === 'pending' ? '派单' : '改派',
      place: 'main',
      kind: 'primary',
      testId: 'action-assign',
      icon: 'user-plus',
      opens: ctx.assign,
    },
    {
      key: 'report',
      show: canReport,
      label: '到场报到',
      place: 'main',
      kind: 'primary',
      testId: 'action-report',
      icon: 'map-pin',
      opens: {
        title: '到场报到',
        label: '报到情况',
        placeholder: '例如：已到现场，正在调查处置。',
        max: 500,
        photos: 'optional',
        confirm: '确认报到',
        testId: 'form-report',
        send: async (note, photos) => {
          await adminApi.departmentReport(k.id, note, photos);
          await done('已报到');
        },
      },
    },
    {
      key: 'dispatch',
      show: canDispatch,
      label: '派遣部门报到',
      place: 'main',
      kind: 'primary',
      testId: 'action-dispatch',
      icon: 'landmark',
      opens: ctx.dispatch,
    },
    {
      key: 'resolve',
      show: canResolve,
      label: '办结',
      place: 'main',
      testId: 'action-resolve',
      icon: 'circle-check',
      opens: {
        title: '办结',
        label: '办理结果',
        placeholder: '办理经过和结果，居民会看到。',
        max: 500,
        photos: 'required',
        photoHint: '请拍办理后的现场',
        confirm: '确认办结',
        testId: 'form-resolve',
        send: async (result, photos) => {
          await adminApi.resolveCase(k.id, result, photos);
          await done('已办结');
        },
      },
    },
    {
      key: 'escalate',
      show: canEscalate,
      label: '吹哨',
      place: 'more',
      testId: 'action-escalate',
      icon: 'megaphone',
      opens: reasonForm(
        {
          title: '吹哨：报街道协调',
          label: '吹哨理由',
          placeholder: '例如：涉及多个部门，社区无法单独解决，请街道协调。',
          confirm: '确认吹哨',
          testId: 'form-escalate',
        },
        (reason) => adminApi.escalateCase(k.id, reason),
        '已吹哨',
      ),
    },
    {
      key: 'reject',
      show: can('reject'),
      label: '不予受理',
      place: 'more',
      testId: 'action-reject',
      icon: 'ban',
      opens: reasonForm(
        {
          title: '不予受理',
          label: '理由',
          placeholder: '例如：不属于社区受理范围，已告知居民向市场监管部门反映。居民会看到这段话。',
          confirm: '确认不予受理',
          testId: 'form-reject',
        },
        (reason) => adminApi.rejectCase(k.id, reason),
        '已不予受理',
      ),
    },
    {
      key: 'merge',
      show: can('merge'),
      label: '合并重复',
      place: 'more',
      testId: 'action-merge',
      icon: 'link',
      opens: ctx.merge,
    },
    {
      key: 'grant',
      show: can('grant_time'),
      label: '延长期限',
      place: 'more',
      testId: 'action-grant',
      icon: 'hourglass',
      opens: {
        title: '延长期限',
        label: '延长理由',
        placeholder: '例如：需等待维修配件到货。理由会写入办理记录。',
        confirm: '确认延长',
        extra: <StaffChips options={GRANTS} value={grant} onChange={setGrant} testId="grant-amount" label="延长多久" />,
        testId: 'form-grant',
        send: async (reason) => {
          const g = GRANT_AMOUNTS[grant];
          await adminApi.grantTime(k.id, g.amount, g.unit, reason);
          await done('已延长期限');
        },
      },
    },
    {
      key: 'supervise',
      show: can('supervise') && !k.supervised,
      label: '督办',
      place: 'more',
      testId: 'action-supervise',
      icon: 'bell-ring',
      opens: reasonForm(
        {
          title: '挂牌督办',
          label: '督办理由',
          placeholder: '例如：多次回炉，居民反映强烈。',
          confirm: '确认督办',
          testId: 'form-supervise',
        },
        (reason) => adminApi.superviseCase(k.id, reason),
        '已督办',
      ),
    },
  ];
}

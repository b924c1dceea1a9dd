import type { StaffAction } from '../../services/member-api';
import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { ActionPanel, type Action } from '../../components/action-panel';
import { StaffCaseSummary } from '../../components/staff-case-summary';
import { StaffLedgerPanel } from '../../components/staff-ledger';
import { StaffTimeline } from '../../components/staff-timeline';
import { StaffChips } from '../../components/staff-ui';
import { errorMessage } from '../../services/api-error';
import { memberApi, type MemberRole } from '../../services/member-api';
import { ROLE_CHOICES } from '../../utils/roles';
import { useRemote } from '../../utils/use-remote';
import { useSignedIn } from '../../state/staff-profile';

type Form = 'progress' | 'resolve' | 'transfer' | 'escalate';

/** One task: what and where, the resident's phone, what happened so far, the next step, and its 台账 (disputes, hazards). */
export default function TaskPage() {
  const router = useRouter();
  const caseId = decodeURIComponent(router.params.id ?? '');
  const signedIn = useSignedIn();
  const remote = useRemote(() => memberApi.getCase(caseId), signedIn && Boolean(caseId));
  const [form, setForm] = useState<Form>();
  const [accepting, setAccepting] = useState(false);
  const [error, setError] = useState<string>();
  const [toRole, setToRole] = useState<MemberRole>();

  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const c = remote.data?.case;
  const can = (a: StaffAction) => Boolean(c?.allowedActions.includes(a));

  const done = async (message: string) => {
    setForm(undefined);
    setError(undefined);
    Taro.showToast({ title: message, icon: 'success' });
    await remote.reload();
    // Back to the top, where the new status is.
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
  };

  /** A ledger entry saved: the page keeps its place (the panel is further down). */
  const ledgerSaved = async (message: string) => {
    setError(undefined);
    Taro.showToast({ title: message, icon: 'success' });
    await remote.reload();
  };

  /** What a member can do to the task, and the form each action asks for. */
  const taskActions = (task: NonNullable<typeof c>): Action<Form>[] => [
    {
      key: 'progress',
      show: can('progress'),
      label: '记录进展',
      place: 'main',
      testId: 'task-progress',
      icon: 'notebook-pen',
      opens: {
        title: '记录进展',
        label: '进展说明',
        placeholder: '例如：已到现场查看，联系了维修师傅，明天上午更换。',
        max: 500,
        photos: 'optional',
        confirm: '提交进展',
        testId: 'form-progress',
        send: async (note, photos) => {
          await memberApi.addProgress(caseId, note, photos);
          await done('已记录');
        },
      },
    },
    {
      key: 'resolve',
      show: can('resolve'),
      label: '办结',
      place: 'main',
      kind: 'primary',
      testId: 'task-resolve',
      icon: 'circle-check',
      opens: {
        title: '办结',
        label: '办理结果',
        placeholder: '例如：已更换楼道灯，现场恢复正常。',
        max: 500,
        photos: 'required',
        photoHint: '请拍办理后的现场，居民会看到',
        confirm: '确认办结',
        testId: 'form-resolve',
        send: async (result, photos) => {
          await memberApi.resolveCase(caseId, result, photos);
          await done('已办结');
        },
      },
    },
    {
      key: 'transfer',
      show: can('transfer'),
      label: '转派',
      place: 'more',
      testId: 'task-transfer',
      icon: 'arrow-right-left',
      opens: {
        title: '转派给小组其他成员',
        label: '转派理由',
        placeholder: '例如：属于邻里纠纷，请居民小组长调解。',
        confirm: '确认转派',
        extra: (
          <View>
            <View className="staff-form__label">转给</View>
            <StaffChips
              options={ROLE_CHOICES.filter((r) => r.value !== task.holder?.role)}
              value={toRole}
              onChange={setToRole}
              testId="transfer-role"
              label="转给哪个角色"
            />
          </View>
        ),
        extraProblem: toRole ? undefined : '请选择转给哪个角色',
        testId: 'form-transfer',
        send: async (reason) => {
          await memberApi.transferCase(caseId, toRole!, reason);
          await done('已转派');
        },
      },
    },
    {
      key: 'escalate',
      show: can('escalate'),
      label: '吹哨',
      place: 'more',
      testId: 'task-escalate',
      icon: 'megaphone',
      opens: {
        title: '吹哨：报告社区',
        label: '吹哨理由',
        placeholder: '例如：涉及多户和物业，需要社区协调。',
        confirm: '确认吹哨',
        testId: 'form-escalate',
        send: async (reason) => {
          await memberApi.escalateCase(caseId, reason);
          await done('已吹哨');
        },
      },
    },
  ];

  const accept = async () => {
    if (accepting) return;
    setAccepting(true);
    setError(undefined);
    try {
      await memberApi.acceptCase(caseId);
      await done('已受理');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setAccepting(false);
    }
  };

  return (
    <PageShell className="task" testId="page-task">
      {!caseId ? <EmptyState icon="search" title="没有找到这件任务" /> : null}
      <ErrorLine message={remote.error} onRetry={() => void remote.reload()} />
      {remote.loading && !c ? <Loading /> : null}
      {c ? (
        <View>
          <StaffCaseSummary c={c} />

          <ErrorLine message={error} testId="task-error" />
          {can('accept') ? (
            <BigButton hero onClick={() => void accept()} disabled={accepting} testId="task-accept">
              {accepting ? '正在受理…' : '受理'}
            </BigButton>
          ) : null}

          <ActionPanel actions={taskActions(c)} open={form} onOpen={setForm} onClose={() => setForm(undefined)} />

          {c.ledger && (c.kind === 'dispute' || c.kind === 'hazard') ? (
            <StaffLedgerPanel
              ledger={c.ledger}
              canRecord={can('ledger')}
              record={(entry) => memberApi.recordLedger(caseId, entry)}
              onSaved={ledgerSaved}
            />
          ) : null}

          <SectionTitle>办理经过</SectionTitle>
          <StaffTimeline events={remote.data!.timeline} caseId={c.id} />
        </View>
      ) : null}
    </PageShell>
  );
}

import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { LabelledInput } from '../../components/labelled-field';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { ActionPanel } from '../../components/action-panel';
import { StaffActionForm } from '../../components/staff-action-form';
import { StaffCaseSummary } from '../../components/staff-case-summary';
import { StaffLedgerPanel } from '../../components/staff-ledger';
import { StaffTimeline } from '../../components/staff-timeline';
import { StaffChips, StaffNote } from '../../components/staff-ui';
import { departmentsToOffer } from '../../../core/departments';
import { adminApi } from '../../services/admin-api';
import { errorMessage, isApiError } from '../../services/api-error';
import type { Severity, StaffCaseDetail, StaffAction } from '../../services/member-api';
import { useSignedIn, useStaffProfile } from '../../state/staff-profile';
import { accessOf } from '../../utils/staff-access';
import { OPEN_STATUS_CODES } from '../../utils/staff-case-filter';
import { photoSrc } from '../../utils/staff-photo';
import { useRemote } from '../../utils/use-remote';
import { adminCaseActions, type GrantKey, type Panel } from './actions';
import { AssignPanel } from './assign-panel';
import './index.scss';
import { asButton, asCheckbox } from '../../utils/a11y';

const SEVERITIES: ReadonlyArray<{ value: Severity; label: string }> = [
  { value: 'simple', label: '一般' },
  { value: 'complex', label: '复杂' },
  { value: 'major', label: '重大' },
];

const STAGE_NAMES = { before: '上报', progress: '进展', after: '办理后' } as const;

/** One case with every admin action the rules allow now: 派单/改派, 等级, 吹哨, 派遣部门, 报到, 办结, 不予受理, 合并, 台账, 照片, 公开, 督办. */
export default function AdminCasePage() {
  const router = useRouter();
  const caseId = decodeURIComponent(router.params.id ?? '');
  const signedIn = useSignedIn();
  const remote = useRemote(() => adminApi.getCase(caseId), signedIn && Boolean(caseId));
  const access = accessOf(useStaffProfile().profile);
  const [panel, setPanel] = useState<Panel>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [gone, setGone] = useState<string>();
  const [grant, setGrant] = useState<GrantKey>('1wd');

  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const c = remote.data?.case;
  const can = (a: StaffAction) => Boolean(c?.allowedActions.includes(a));
  const level = c?.escalation?.level;

  const done = async (message: string) => {
    setPanel(undefined);
    setError(undefined);
    Taro.showToast({ title: message, icon: 'success' });
    // A department's case leaves its reach once resolved: say so rather than fail to reload it.
    const stillMine = await adminApi.getCase(caseId).then(
      () => true,
      (e: unknown) => !(isApiError(e) && e.code === 'CASE.NOT_FOUND'),
    );
    if (!stillMine) {
      setGone(message);
      return;
    }
    await remote.reload();
    // Back to the top, where the new status is.
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
  };

  /** A one-tap change (severity, public, photos): the page keeps its place and says what failed. */
  const quick = async (run: () => Promise<unknown>, message: string) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await run();
      await done(message);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  /** A ledger entry saved: the page keeps its place (the panel is further down). */
  const ledgerSaved = async (message: string) => {
    setError(undefined);
    Taro.showToast({ title: message, icon: 'success' });
    await remote.reload();
  };

  const open = (p: Panel) => {
    setError(undefined);
    setPanel(p);
  };

  const canEscalate = can('escalate') && level !== 'street' && level !== 'department';
  // From the street, or again (改派) while a department is called, e.g. one the street stopped.
  const canDispatch = can('dispatch_department') && (level === 'street' || level === 'department');
  const canReport = can('department_report') && level === 'department' && !c?.escalation?.reportedAt;
  const canResolve = can('resolve') && !(access.department && !access.communityAdmin && !access.streetAdmin && !c?.escalation?.reportedAt);

  return (
    <PageShell className="admin-case" testId="page-admin-case">
      {!caseId ? <EmptyState icon="search" title="没有找到这件案件" /> : null}
      {gone ? (
        <View data-testid="case-gone">
          <EmptyState icon="circle-check" title={gone}>
            这件已交居民评价，不再在您的待办中。
          </EmptyState>
          <BigButton
            onClick={() => void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/workbench/index' }))}
            testId="case-gone-back"
          >
            返回
          </BigButton>
        </View>
      ) : null}
      <ErrorLine message={remote.error} onRetry={() => void remote.reload()} />
      {remote.loading && !c ? <Loading /> : null}
      {c && !gone ? (
        <View>
          <StaffCaseSummary c={c} />
          <ErrorLine message={error} testId="admin-case-error" />

          <ActionPanel
            actions={adminCaseActions({
              c,
              can,
              canReport,
              canDispatch,
              canResolve,
              canEscalate,
              grant,
              setGrant,
              done,
              assign: (close) => <AssignPanel c={c} onDone={() => void done(c.holder ? '已改派' : '已派单')} onCancel={close} />,
              dispatch: (close) => (
                <DispatchPanel
                  caseId={c.id}
                  categoryId={c.categoryId}
                  current={level === 'department' ? c.escalation?.departmentId : undefined}
                  onDone={() => void done('已派遣部门')}
                  onCancel={close}
                />
              ),
              merge: (close) => <MergePanel c={c} onDone={() => void done('已合并')} onCancel={close} />,
            })}
            open={panel}
            onOpen={open}
            onClose={() => setPanel(undefined)}
            testId="admin-actions"
          />

          {c.ledger && (c.kind === 'dispute' || c.kind === 'hazard') ? (
            <StaffLedgerPanel
              ledger={c.ledger}
              canRecord={can('ledger')}
              record={(entry) => adminApi.recordLedger(c.id, entry)}
              onSaved={ledgerSaved}
            />
          ) : null}

          {can('set_severity') ? (
            <View className="card">
              <View className="admin-case__label">等级</View>
              <StaffChips
                options={SEVERITIES}
                value={c.severity}
                onChange={(s) => {
                  if (s !== c.severity)
                    void quick(() => adminApi.setSeverity(c.id, s), '已设为' + SEVERITIES.find((x) => x.value === s)!.label);
                }}
                testId="severity"
                label="等级"
              />
              <View className="admin-case__hint">等级决定办理时限：复杂、重大的按时限方案上报街道。</View>
            </View>
          ) : null}

          {can('set_public') ? (
            <View className="card">
              <View className="admin-case__label">公示栏</View>
              <StaffChips
                options={[
                  { value: 'public', label: '公开' },
                  { value: 'private', label: '不公开' },
                ]}
                value={c.isPublic ? 'public' : 'private'}
                onChange={(v) => {
                  if ((v === 'public') !== c.isPublic)
                    void quick(() => adminApi.setCasePublic(c.id, v === 'public'), v === 'public' ? '已公开' : '已设为不公开');
                }}
                testId="public"
                label="公示栏：是否公开"
              />
              <View className="admin-case__hint">公开的诉求在公示栏显示去掉个人信息的描述；矛盾纠纷、家庭事务建议不公开。</View>
            </View>
          ) : null}

          {can('approve_photos') && c.photos.length > 0 ? <PhotoReview c={c} busy={busy} onChange={quick} /> : null}

          <SectionTitle>办理经过</SectionTitle>
          <StaffTimeline events={remote.data!.timeline} caseId={c.id} />
        </View>
      ) : null}
    </PageShell>
  );
}

/** Photos stay off the board until approved (faces, door numbers, plates). */
function PhotoReview({
  c,
  busy,
  onChange,
}: {
  c: StaffCaseDetail;
  busy: boolean;
  onChange: (run: () => Promise<unknown>, message: string) => Promise<void>;
}) {
  return (
    <View className="card" data-testid="photo-review">
      <View className="admin-case__label">照片审核（公开前请确认无人脸、门牌、车牌）</View>
      <View className="admin-case__photos">
        {c.photos.map((p, i) => (
          <View key={p.fileId} className="admin-case__photo">
            <Image className="admin-case__photo-img" src={photoSrc(p.fileId, c.id)} mode="aspectFill" />
            <View className="admin-case__photo-meta">
              <Text>{STAGE_NAMES[p.stage]}</Text>
              <View
                className={`admin-case__photo-toggle ${p.approved ? 'admin-case__photo-toggle--on' : ''}`}
                onClick={() =>
                  void onChange(() => adminApi.approvePhotos(c.id, [p.fileId], !p.approved), p.approved ? '已取消公开' : '已同意公开')
                }
                data-testid="photo-approve"
                {...asCheckbox(p.approved, `第${i + 1}张照片（${STAGE_NAMES[p.stage]}）：可公开`)}
              >
                {p.approved ? '✓ 可公开' : '不公开'}
              </View>
            </View>
          </View>
        ))}
      </View>
      <View className="staff-form__buttons">
        <BigButton
          kind="secondary"
          disabled={busy}
          onClick={() => void onChange(() => adminApi.approvePhotos(c.id, 'all', false), '全部不公开')}
          testId="photos-none"
        >
          全部不公开
        </BigButton>
        <BigButton
          disabled={busy}
          onClick={() => void onChange(() => adminApi.approvePhotos(c.id, 'all', true), '全部可公开')}
          testId="photos-all"
        >
          全部可公开
        </BigButton>
      </View>
    </View>
  );
}

/**
 * 部门报到: the street picks a department in use (those handling the case's category first); it must
 * report on site within the policy's limit (24 小时). A case already at a department may be 改派.
 */
function DispatchPanel({
  caseId,
  categoryId,
  current,
  onDone,
  onCancel,
}: {
  caseId: string;
  categoryId: string;
  /** The department called now (改派 offers the others). */
  current?: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const departments = useRemote(() => adminApi.listDepartments(), true);
  const [departmentId, setDepartmentId] = useState<string>();
  return (
    <StaffActionForm
      title="派遣职能部门到场报到"
      label="说明"
      placeholder="选填：需要部门做什么。"
      optionalText
      submitText="派遣"
      extra={
        <View>
          <ErrorLine message={departments.error} onRetry={() => void departments.reload()} />
          <StaffChips
            options={departmentsToOffer(
              (departments.data?.items ?? []).filter((d) => d.id !== current),
              categoryId,
            ).map((d) => ({
              value: d.id,
              label: d.handlesCategory ? `${d.name}（负责此类）` : d.name,
            }))}
            value={departmentId}
            onChange={setDepartmentId}
            testId="dispatch-department"
            label="派遣给哪个部门"
          />
          <StaffNote>部门须在 24 小时内到场报到（以本社区时限方案为准），超时会提醒街道。</StaffNote>
        </View>
      }
      extraProblem={departmentId ? undefined : '请选择职能部门'}
      onSubmit={async (note) => {
        await adminApi.dispatchDepartment(caseId, departmentId!, note || undefined);
        onDone();
      }}
      onCancel={onCancel}
      testId="form-dispatch"
    />
  );
}

/** 合并重复: open cases of the same grid and category first; any case id in reach otherwise. */
function MergePanel({ c, onDone, onCancel }: { c: StaffCaseDetail; onDone: () => void; onCancel: () => void }) {
  const similar = useRemote(
    () =>
      adminApi.listCases({ gridId: c.place.gridId, categoryId: c.categoryId, statuses: [...OPEN_STATUS_CODES, 'resolved'] }, undefined, 20),
    true,
  );
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const merge = async (intoCaseId: string) => {
    if (busy) return;
    if (!intoCaseId.trim()) {
      setError('请选择或输入要合并到的诉求编号');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await adminApi.mergeCases(c.id, intoCaseId.trim());
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const candidates = (similar.data?.items ?? []).filter((x) => x.id !== c.id);
  return (
    <View className="card admin-case__panel" data-testid="merge-panel">
      <View className="admin-case__panel-title">合并到另一件（本件将标为已合并）</View>
      <ErrorLine message={similar.error ?? error} />
      {similar.loading && !similar.data ? <Loading /> : null}
      {similar.data && candidates.length === 0 ? <StaffNote>本网格没有同类别的未结诉求，可输入编号。</StaffNote> : null}
      {candidates.map((x) => (
        <View key={x.id} className="admin-case__member" data-testid="merge-candidate">
          <View className="admin-case__member-info">
            <View className="admin-case__member-name">{x.description.slice(0, 24)}</View>
            <View className="admin-case__member-meta">
              {x.statusName} · {x.placeName}
            </View>
          </View>
          <View
            className="admin-case__member-go"
            onClick={() => void merge(x.id)}
            data-testid="merge-into"
            {...asButton(`合并到这件：${x.description.slice(0, 24)}，${x.statusName}，${x.placeName}`)}
          >
            合并到这件
          </View>
        </View>
      ))}
      <LabelledInput label="或输入编号" value={target} placeholder="C2026…" onChange={setTarget} testId="merge-target" />
      <View className="staff-form__buttons">
        <BigButton kind="secondary" onClick={onCancel} testId="merge-cancel">
          取消
        </BigButton>
        <BigButton disabled={busy} onClick={() => void merge(target)} testId="merge-submit">
          合并
        </BigButton>
      </View>
    </View>
  );
}

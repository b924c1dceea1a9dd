import { HandlerCall } from '../../components/handler-call';
import { useRef, useState } from 'react';
import { caseTime } from '../../../core/case-time';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { PhotoGrid } from '../../components/photo-grid';
import { StatusTag } from '../../components/status-tag';
import { errorMessage } from '../../services/api-error';
import { residentApi } from '../../services/resident-api';
import type { ResidentAction, ResidentCaseDetail } from '../../services/resident-types';
import { needsPersona, sessionStore } from '../../state/session';
import { useStore } from '../../state/use-store';
import { reportPhotos, resultPhotos } from '../../utils/case-photos';
import { caseSteps, stepsAlert } from '../../utils/case-steps';
import { formatTime } from '../../utils/format';
import { timeLeft, timeTaken } from '../../utils/time-left';
import { useRemote } from '../../utils/use-remote';
import { RatePanel } from './rate-panel';
import { SupplementPanel } from './supplement-panel';
import './index.scss';
import { COLORS } from '../../styles/colors';
import { Icon } from '../../components/icon';
import { Timeline } from '../../components/timeline';

const OPEN = ['pending', 'assigned', 'processing', 'escalated'];

export default function CaseDetailPage() {
  const router = useRouter();
  const caseId = decodeURIComponent(router.params.id ?? '');
  const session = useStore(sessionStore);
  const ready = !needsPersona(session) && Boolean(caseId);
  const remote = useRemote(() => residentApi.getCase(caseId), ready);
  const shown = useRef(false);
  const [supplementing, setSupplementing] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [reminded, setReminded] = useState(false);

  useDidShow(() => {
    if (shown.current && ready) void remote.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const c = remote.data?.case;
  // Newest first: what happened last is what people want to know.
  const timeline = [...(remote.data?.timeline ?? [])].sort((a, b) => b.seq - a.seq);
  const can = (a: ResidentAction) => c?.allowedActions.includes(a) ?? false;

  const afterChange = async (toast: string) => {
    void Taro.showToast({ title: toast, icon: 'none', duration: 2500 });
    await remote.reload();
    void Taro.pageScrollTo({ scrollTop: 0, duration: 200 });
  };

  const remind = async () => {
    if (busy || !c) return;
    setBusy('remind');
    try {
      await residentApi.remindCase(c.id);
      setReminded(true);
      await afterChange('已催办，办理人员会收到提醒');
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 3000 });
    } finally {
      setBusy(undefined);
    }
  };

  const withdraw = async () => {
    if (busy || !c) return;
    const { confirm } = await Taro.showModal({
      title: '撤回这件诉求？',
      content: '撤回后将不再办理。问题如果还在，可以重新上报。',
      confirmText: '确定撤回',
      confirmColor: COLORS.primary,
      cancelText: '不撤回',
    });
    if (!confirm) return;
    setBusy('withdraw');
    try {
      await residentApi.withdrawCase(c.id);
      await afterChange('已撤回');
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 3000 });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <PageShell className="case-detail" testId="page-case">
      {!caseId ? <EmptyState icon="search" title="没有找到这件诉求" /> : null}
      <ErrorLine message={remote.error} onRetry={() => void remote.reload()} />
      {remote.loading && !c ? <Loading /> : null}
      {c ? (
        <View data-testid="case-loaded" data-status={c.status}>
          <StepsBar c={c} />

          {can('rate') ? <RatePanel caseId={c.id} onDone={(toast) => void afterChange(toast)} /> : null}

          <View className="card">
            <View className="case-detail__head">
              <Text className="case-detail__category">{c.categoryName}</Text>
              <StatusTag status={c.status} statusName={c.statusName} />
            </View>
            {c.no ? (
              <View className="case-detail__no" data-testid="case-no">
                编号 {c.no}
              </View>
            ) : null}
            <Deadline c={c} />
            <View className="case-detail__desc" data-testid="case-description">
              {c.description}
            </View>
            <PhotoGrid fileIds={reportPhotos(c.photos, timeline)} caseId={c.id} label="上报时的照片" testId="case-photos-before" />
            <Row label="地点" value={c.place?.location ? `${c.placeName} · ${c.place.location.address}` : c.placeName} />
            <Row
              label="处理人"
              value={c.holder ? `${c.holder.roleName} ${c.holder.name}` : OPEN.includes(c.status) ? '社区正在安排' : '—'}
              testId="case-holder"
            />
            {/* Keyed by the holder: a reassigned case asks again. */}
            {c.holder ? <HandlerCall key={`${c.holder.roleName}${c.holder.name}`} caseId={c.id} /> : null}
            {c.escalation ? <Row label="已吹哨至" value={escalationText(c.escalation)} /> : null}
            <Row label="提交时间" value={formatTime(c.createdAt)} />
            <Row label="编号" value={c.id} testId="case-id" />
            <Row label="是否公开" value={c.isPublic ? '公开（已隐去个人信息）' : '不公开'} />
            {c.contactPhone ? <Row label="联系电话" value={c.contactPhone} /> : null}
            {c.reworkCount > 0 ? <Row label="回炉整改" value={`${c.reworkCount} 次`} testId="case-rework" /> : null}
            {c.supportCount ? <Row label="附议" value={`${c.supportCount} 人`} /> : null}
          </View>

          {c.result ? (
            <View className="card case-detail__result" data-testid="case-result">
              <View className="case-detail__result-title">办理结果</View>
              <View className="case-detail__result-text">{c.result}</View>
              <PhotoGrid fileIds={resultPhotos(c.photos)} caseId={c.id} label="办理后的照片" testId="case-photos-after" />
            </View>
          ) : null}
          {c.rejectReason ? (
            <View className="card case-detail__result">
              <View className="case-detail__result-title">不予受理的原因</View>
              <View className="case-detail__result-text">{c.rejectReason}</View>
            </View>
          ) : null}
          {c.rating && c.status === 'closed' ? (
            <View className="card case-detail__result" data-testid="case-rating">
              <View className="case-detail__result-title">您的评价：{c.rating.valueName ?? c.rating.value}</View>
              {c.rating.comment ? <View className="case-detail__result-text">{c.rating.comment}</View> : null}
              {c.rating.auto ? <View className="muted small">评价期内未评价，系统自动办结</View> : null}
            </View>
          ) : null}

          <Actions
            canSupplement={can('supplement')}
            canRemind={can('remind')}
            canWithdraw={can('withdraw')}
            reminderNote={reminded ? undefined : c.reminderNote}
            busy={busy}
            reminded={reminded}
            supplementing={supplementing}
            onSupplement={() => setSupplementing(true)}
            onRemind={() => void remind()}
            onWithdraw={() => void withdraw()}
          />
          {supplementing && can('supplement') ? (
            <SupplementPanel
              caseId={c.id}
              onCancel={() => setSupplementing(false)}
              onDone={() => {
                setSupplementing(false);
                void afterChange('已补充，办理人员会看到');
              }}
            />
          ) : null}

          <SectionTitle>办理经过</SectionTitle>
          <Timeline
            events={timeline}
            testId="timeline"
            itemTestId="timeline-item"
            extra={(e) =>
              e.action !== 'submit' && e.photos?.length ? <PhotoGrid fileIds={e.photos} caseId={c.id} testId="timeline-photos" /> : null
            }
          />
        </View>
      ) : null}
    </PageShell>
  );
}

function StepsBar({ c }: { c: ResidentCaseDetail }) {
  const steps = caseSteps(c);
  const alert = stepsAlert(c);
  return (
    <View className={`steps ${alert ? 'steps--alert' : ''}`} data-testid="case-steps">
      {steps.map((s, i) => (
        <View key={s.key} className={`steps__step steps__step--${s.state}`} data-state={s.state}>
          <View className="steps__line-wrap">
            <View className={`steps__line ${i === 0 ? 'steps__line--hidden' : ''}`} />
            <View className="steps__dot">{s.state === 'done' ? '✓' : s.state === 'stopped' ? '×' : i + 1}</View>
            <View className={`steps__line ${i === steps.length - 1 ? 'steps__line--hidden' : ''}`} />
          </View>
          <View className="steps__label">{s.label}</View>
          {s.note ? <View className="steps__note">{s.note}</View> : null}
        </View>
      ))}
    </View>
  );
}

function Deadline({ c }: { c: ResidentCaseDetail }) {
  const now = new Date();
  if (OPEN.includes(c.status) && c.dueAt) {
    const left = timeLeft(c.dueAt, now);
    const t = c.clocks ? caseTime(c.clocks, now) : undefined;
    const what = t?.running?.name ?? (c.status === 'assigned' || c.status === 'pending' ? '受理' : '办结');
    return (
      <View className={`case-detail__deadline ${left?.urgent ? 'case-detail__deadline--urgent' : ''}`} data-testid="case-deadline">
        <Icon name="timer" tone={left?.urgent ? 'danger' : 'info'} />
        {formatTime(c.dueAt)} 前{what === '方案' ? '提出方案' : what}
        {t?.text ? `（${t.text}）` : left ? `（${left.text}）` : ''}
        {c.dueNote ? `（${c.dueNote}）` : ''}
      </View>
    );
  }
  if (c.status === 'resolved' && c.deadlines.rateBy) {
    return (
      <View className="case-detail__deadline case-detail__deadline--rate" data-testid="case-deadline">
        <Icon name="star" tone="caution" />
        请在 {formatTime(c.deadlines.rateBy)} 前评价，过期将自动办结
      </View>
    );
  }
  if (c.status === 'closed') {
    const taken = timeTaken(c.createdAt, c.resolvedAt ?? c.closedAt);
    return taken ? (
      <View className="case-detail__deadline case-detail__deadline--done" data-testid="case-deadline">
        <Icon name="circle-check" tone="ok" />
        已办结，{taken}
      </View>
    ) : null;
  }
  return null;
}

function Actions(props: {
  canSupplement: boolean;
  canRemind: boolean;
  canWithdraw: boolean;
  /** Why 催办 is not offered yet (the server's answer: when it opens, or already reminded today). */
  reminderNote?: string;
  busy?: string;
  reminded: boolean;
  supplementing: boolean;
  onSupplement: () => void;
  onRemind: () => void;
  onWithdraw: () => void;
}) {
  if (!props.canSupplement && !props.canRemind && !props.canWithdraw && !props.reminderNote) return null;
  return (
    <View className="case-detail__actions" data-testid="case-actions">
      {props.canSupplement && !props.supplementing ? (
        <BigButton icon="pencil-line" kind="secondary" onClick={props.onSupplement} testId="action-supplement">
          补充情况或照片
        </BigButton>
      ) : null}
      {props.canRemind ? (
        <BigButton
          kind="secondary"
          icon={props.reminded || props.busy === 'remind' ? undefined : 'bell'}
          onClick={props.onRemind}
          disabled={props.busy === 'remind' || props.reminded}
          testId="action-remind"
        >
          {props.reminded ? '已催办' : props.busy === 'remind' ? '正在催办…' : '催办'}
        </BigButton>
      ) : props.reminderNote ? (
        <View className="muted small" data-testid="reminder-note">
          {props.reminderNote}
        </View>
      ) : null}
      {props.canWithdraw ? (
        <BigButton kind="plain" onClick={props.onWithdraw} disabled={props.busy === 'withdraw'} testId="action-withdraw">
          问题已经解决了？撤回诉求
        </BigButton>
      ) : null}
    </View>
  );
}

const escalationText = (e: NonNullable<ResidentCaseDetail['escalation']>): string =>
  `${{ community: '社区', street: '街道', department: e.departmentName ?? '职能部门' }[e.level]}（${formatTime(e.since)}）`;

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className="case-detail__row">
      <Text className="case-detail__key">{label}</Text>
      <Text className="case-detail__value" data-testid={testId}>
        {value}
      </Text>
    </View>
  );
}

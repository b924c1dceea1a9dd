import { useEffect, useRef, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { PersonaPicker } from '../../components/persona-picker';
import { StatusTag } from '../../components/status-tag';
import { errorMessage, isApiError, isAuthError } from '../../services/api-error';
import { boardApi, type PublicCase } from '../../services/board-api';
import { needsPersona, sessionStore } from '../../state/session';
import { useStore } from '../../state/use-store';
import { canSupport, caseSteps, photoUrl } from '../../utils/board-case';
import { formatDuration } from '../../utils/board-format';
import { useKeyedRemote } from '../../utils/board-remote';
import { formatTime } from '../../utils/format';
import { caseTime } from '../../../core/case-time';
import './index.scss';
import { Timeline, TimelinePending } from '../../components/timeline';

type Notice = { tone: 'ok' | 'info' | 'error'; text: string };

/** A public case: masked text, steps, approved photos, the timeline, and 附议 for residents. */
export default function PublicCasePage() {
  const { params } = useRouter();
  const caseId = params.id ? decodeURIComponent(params.id) : undefined;
  const remote = useKeyedRemote(() => boardApi.getCase(caseId!), caseId);
  const session = useStore(sessionStore);
  const [supportCount, setSupportCount] = useState<number>();
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  // 附议 tapped before anybody was logged in (H5): done as soon as somebody is.
  const [waitingForLogin, setWaitingForLogin] = useState(false);
  const busyRef = useRef(false);

  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const c = remote.data?.case;
  const count = supportCount ?? c?.supportCount ?? 0;

  const support = async () => {
    if (!c || busyRef.current) return;
    if (needsPersona(sessionStore.get())) {
      setWaitingForLogin(true);
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setNotice(undefined);
    try {
      const r = await boardApi.supportCase(c.id);
      setSupportCount(r.supportCount);
      setNotice({ tone: 'ok', text: `附议成功！现在共有 ${r.supportCount} 人关注这件事。` });
    } catch (e) {
      if (isApiError(e) && e.code === 'CASE.ALREADY_SUPPORTED') setNotice({ tone: 'info', text: '您已经附议过这件诉求了，谢谢您的关注。' });
      else if (isAuthError(e)) setWaitingForLogin(true);
      else if (isApiError(e) && e.code === 'CASE.INVALID_TRANSITION') setNotice({ tone: 'info', text: e.message });
      else setNotice({ tone: 'error', text: errorMessage(e) });
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  useEffect(() => {
    if (waitingForLogin && !needsPersona(session)) {
      setWaitingForLogin(false);
      void support();
    }
    // Runs when somebody logs in while 附议 waits.
  }, [session.token, waitingForLogin]);

  if (!caseId) {
    return (
      <PageShell testId="page-board-case" requireIdentity={false}>
        <EmptyState icon="search" title="没有找到这件诉求" />
      </PageShell>
    );
  }

  const timeline = [...(remote.data?.timeline ?? [])].sort((a, b) => b.seq - a.seq);

  return (
    <PageShell className="public-case" testId="page-board-case" requireIdentity={false}>
      <ErrorLine message={remote.error} onRetry={() => void remote.reload()} />
      {remote.loading && !c ? <Loading /> : null}
      {c ? (
        <View>
          <View className="card">
            <View className="public-case__head">
              <Text className="public-case__category">{c.categoryName}</Text>
              <StatusTag status={c.status} statusName={c.statusName} />
            </View>
            {c.description ? (
              <View className="public-case__desc" data-testid="public-case-description">
                {c.description}
              </View>
            ) : (
              <View className="public-case__desc public-case__desc--pending" data-testid="public-case-pending">
                {c.descriptionState ?? '内容审核中'}
              </View>
            )}
            <Row label="地点" value={c.placeName} />
            <Row label="提交时间" value={formatTime(c.createdAt)} />
            <Row label="处理人" value={c.holder ? `${c.holder.roleName} ${c.holder.name}` : '等待派单'} testId="public-case-holder" />
            <Row label="办理用时" value={takenText(c)} testId="public-case-taken" />
            {c.rating ? <Row label="居民评价" value={c.rating} /> : null}
          </View>

          <Steps status={c.status} statusName={c.statusName} />

          {c.result || c.resultState ? (
            <View className="card public-case__result">
              <View className="public-case__result-label">办理结果</View>
              <View className={c.result ? '' : 'public-case__desc--pending'} data-testid="public-case-result">
                {c.result ?? c.resultState}
              </View>
            </View>
          ) : null}

          {c.photos.length ? (
            <>
              <SectionTitle>现场照片</SectionTitle>
              <View className="public-case__photos" data-testid="public-case-photos">
                {c.photos.map((p) => (
                  <Image
                    key={p.fileId}
                    className="public-case__photo"
                    src={photoUrl(p.fileId, c.id)}
                    mode="aspectFill"
                    lazyLoad
                    onClick={() =>
                      void Taro.previewImage({ current: photoUrl(p.fileId, c.id), urls: c.photos.map((x) => photoUrl(x.fileId, c.id)) })
                    }
                  />
                ))}
              </View>
              <View className="public-case__hint">照片经社区审核后公开。</View>
            </>
          ) : null}

          <View className="card public-case__support" data-testid="support-box">
            <View className="public-case__support-count">
              <Text className="public-case__support-number" data-testid="support-count">
                {count}
              </Text>
              <Text> 人附议</Text>
            </View>
            {canSupport(c.status) ? (
              <>
                <View className="public-case__hint">遇到同样的问题？点「附议」表示您也关注，不用再重复上报。</View>
                <BigButton testId="support-button" icon={busy ? undefined : 'thumbs-up'} disabled={busy} onClick={() => void support()}>
                  {busy ? '正在提交…' : '附议'}
                </BigButton>
              </>
            ) : (
              <View className="public-case__hint">这件诉求已不在办理中，不能再附议。</View>
            )}
            {notice ? (
              <View className={`public-case__notice public-case__notice--${notice.tone}`} data-testid="support-notice">
                {notice.text}
              </View>
            ) : null}
          </View>

          {waitingForLogin ? (
            <View className="card public-case__login" data-testid="support-login">
              <View className="public-case__login-title">附议需要先确认您的身份</View>
              <View className="public-case__hint">每人只能附议一次。请选择一位居民身份，选好后会自动完成附议。</View>
              <PersonaPicker />
              <BigButton kind="plain" onClick={() => setWaitingForLogin(false)}>
                先不附议
              </BigButton>
            </View>
          ) : null}

          <SectionTitle>办理经过</SectionTitle>
          <Timeline
            events={timeline}
            testId="public-timeline"
            itemTestId="timeline-event"
            extra={(e) => (!e.note && e.noteState ? <TimelinePending testId="timeline-note-pending">{e.noteState}</TimelinePending> : null)}
          />
        </View>
      ) : null}
    </PageShell>
  );
}

function takenText(c: PublicCase): string {
  const taken = formatDuration(c.takenMinutes);
  if (taken) return taken;
  const clocks = c.clocks ? caseTime(c.clocks, new Date()).text : '';
  if (clocks) return `尚未办结，${clocks}`;
  return c.overdue ? '尚未办结，已超时' : '尚未办结';
}

function Steps({ status, statusName }: { status: string; statusName: string }) {
  const { steps, ended } = caseSteps(status, statusName);
  if (ended) {
    return (
      <View className="card public-case__ended" data-testid="case-steps">
        这件诉求{ended}，办理经过见下方。
      </View>
    );
  }
  return (
    <View className="card public-steps" data-testid="case-steps">
      {steps.map((s, i) => (
        <View key={s.label} className={`public-steps__step public-steps__step--${s.state}`} data-state={s.state}>
          <View className="public-steps__dot">{s.state === 'done' ? '✓' : i + 1}</View>
          <Text className="public-steps__label">{s.label}</Text>
        </View>
      ))}
    </View>
  );
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className="public-case__row">
      <Text className="public-case__key">{label}</Text>
      <Text className="public-case__value" data-testid={testId}>
        {value}
      </Text>
    </View>
  );
}

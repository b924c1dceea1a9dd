import Taro, { useRouter, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StatusTag } from '../../components/status-tag';
import { residentApi } from '../../services/resident-api';
import { needsPersona, sessionStore } from '../../state/session';
import { useStore } from '../../state/use-store';
import { formatTime } from '../../utils/format';
import { useRemote } from '../../utils/use-remote';
import './index.scss';

export default function CaseDetailPage() {
  const router = useRouter();
  const caseId = decodeURIComponent(router.params.id ?? '');
  const session = useStore(sessionStore);
  const ready = !needsPersona(session) && Boolean(caseId);
  const remote = useRemote(() => residentApi.getCase(caseId), ready);

  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const c = remote.data?.case;
  // Newest first: what happened last is what people want to know.
  const timeline = [...(remote.data?.timeline ?? [])].sort((a, b) => b.seq - a.seq);

  return (
    <PageShell className="case-detail" testId="page-case">
      {!caseId ? <EmptyState icon="🔍" title="没有找到这件诉求" /> : null}
      <ErrorLine message={remote.error} onRetry={() => void remote.reload()} />
      {remote.loading && !c ? <Loading /> : null}
      {c ? (
        <View>
          <View className="card">
            <View className="case-detail__head">
              <Text className="case-detail__category">{c.categoryName}</Text>
              <StatusTag status={c.status} statusName={c.statusName} />
            </View>
            <View className="case-detail__desc" data-testid="case-description">
              {c.description}
            </View>
            <Row label="地点" value={c.placeName} />
            <Row label="编号" value={c.id} testId="case-id" />
            <Row label="提交时间" value={formatTime(c.createdAt)} />
            {c.holder ? <Row label="处理人" value={`${c.holder.roleName} ${c.holder.name}`} /> : null}
            {c.dueAt ? <Row label="办理时限" value={`${formatTime(c.dueAt)} 前`} /> : null}
            {c.reworkCount > 0 ? <Row label="回炉整改" value={`${c.reworkCount} 次`} /> : null}
          </View>

          <SectionTitle>办理经过</SectionTitle>
          <View className="card timeline" data-testid="timeline">
            {timeline.map((e, i) => (
              <View key={e.seq} className={`timeline__item ${i === 0 ? 'timeline__item--latest' : ''}`}>
                <View className="timeline__dot" />
                <View className="timeline__body">
                  <View className="timeline__action">{e.actionName}</View>
                  <View className="timeline__who">
                    {actorLabel(e.actor)} · {formatTime(e.at)}
                  </View>
                  {e.note ? <View className="timeline__note">{e.note}</View> : null}
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}

/** 楼栋物管员 胡** ; the system signs as just 系统. */
const actorLabel = (a: { roleName: string; name: string }): string =>
  a.name && a.name !== a.roleName ? `${a.roleName} ${a.name}` : a.roleName;

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

import { useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { CaseCard } from '../../components/case-card';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { ROUTES } from '../../routes';
import { residentApi } from '../../services/resident-api';
import { needsPersona, sessionStore } from '../../state/session';
import { useStore } from '../../state/use-store';
import { FIVE_ROLES } from '../../utils/roles';
import { useRemote } from '../../utils/use-remote';
import './index.scss';

const OPEN_SHOWN = 5;

export default function HomePage() {
  const session = useStore(sessionStore);
  const ready = !needsPersona(session);
  const openCases = useRemote(() => residentApi.listMyCases({ status: 'open' }), ready);
  const shown = useRef(false);

  // Back from 上报 or a detail page: the list may have changed.
  useDidShow(() => {
    if (shown.current && ready) void openCases.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void openCases.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const items = openCases.data?.items ?? [];
  const name = session.persona?.name;

  return (
    <PageShell className="home" testId="page-home">
      <View className="home__banner">
        <View className="home__title">五员共治 · 我为群众办实事</View>
        <View className="home__subtitle">{name ? `${name}，您好！` : '您好！'}有事找网格，五员来帮您</View>
      </View>

      <BigButton hero testId="report-button" onClick={() => void Taro.navigateTo({ url: ROUTES.report })}>
        <Text>📝 我要上报</Text>
        <Text className="home__hero-sub">报修、纠纷、隐患、求助都可以</Text>
      </BigButton>

      <SectionTitle
        extra={
          <View className="home__more" hoverClass="home__more--pressed" onClick={() => void Taro.switchTab({ url: ROUTES.cases })}>
            全部诉求 ›
          </View>
        }
      >
        正在办理
      </SectionTitle>
      <ErrorLine message={openCases.error} onRetry={() => void openCases.reload()} />
      {openCases.loading && !openCases.data ? <Loading /> : null}
      {openCases.data && items.length === 0 ? (
        <EmptyState icon="🌤️" title="没有正在办理的诉求">
          遇到问题，点上面的「我要上报」
        </EmptyState>
      ) : null}
      <View data-testid="open-cases">
        {items.slice(0, OPEN_SHOWN).map((c) => (
          <CaseCard key={c.id} item={c} />
        ))}
      </View>

      <SectionTitle>谁来帮您</SectionTitle>
      <View className="card home__roles">
        {FIVE_ROLES.map((r) => (
          <View key={r.role} className="home__role">
            <Text className="home__role-icon">{r.icon}</Text>
            <View className="home__role-body">
              <View className="home__role-name">{r.name}</View>
              <View className="home__role-duty">{r.duty}</View>
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}

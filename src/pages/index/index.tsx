import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { CaseCard } from '../../components/case-card';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { PlacePicker } from '../../components/place-picker';
import { ROUTES } from '../../routes';
import { residentApi } from '../../services/resident-api';
import { microProjectsApi } from '../../services/micro-projects-api';
import { surveyApi } from '../../services/survey-api';
import { placeStore } from '../../state/place';
import { needsPersona, sessionStore } from '../../state/session';
import { useStaffProfile } from '../../state/staff-profile';
import { refreshUnread, unreadStore } from '../../state/unread';
import { useStore } from '../../state/use-store';
import { resolvePlace, type PlaceChoice } from '../../utils/places';
import { openBoard } from '../../utils/resident-routes';
import { landingTab } from '../../utils/staff-access';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import { useRemote } from '../../utils/use-remote';
import './index.scss';
import { Glyph, Icon } from '../../components/icon';
import { roleIcon } from '../../components/icon/maps';
import { asButton } from '../../utils/a11y';

const OPEN_SHOWN = 5;

const loadMyCases = async () => {
  const [open, toRate] = await Promise.all([residentApi.listMyCases({ status: 'open' }), residentApi.listMyCases({ status: 'resolved' })]);
  return { open: open.items, toRate: toRate.items };
};

/** The identities already sent to their work tab in this run of the app: once each, at the start. */
const landed = new Set<string>();

export default function HomePage() {
  const session = useStore(sessionStore);
  const ready = !needsPersona(session);
  const cases = useRemote(loadMyCases, ready);
  const shown = useRef(false);

  // Back from 上报 or a detail page: the lists may have changed.
  useDidShow(() => {
    if (shown.current && ready) void cases.reload();
    shown.current = true;
    if (ready) void refreshUnread();
  });
  usePullDownRefresh(() => {
    void Promise.all([cases.reload(), refreshUnread(true)]).finally(() => Taro.stopPullDownRefresh());
  });
  // Somebody just picked (H5) or the app just started: how many messages are new.
  useEffect(() => {
    if (ready) void refreshUnread(true);
  }, [ready, session.token]);
  const unread = useStore(unreadStore);

  // Staff land where they work: when the app opens here (launch or a persona picked), members go
  // to 工作台 and admins to 管理, once; a later visit to 首页 stays here.
  const { profile } = useStaffProfile();
  useEffect(() => {
    const key = process.env.TARO_ENV === 'h5' ? session.token : 'wechat';
    if (!ready || !profile || !key || landed.has(key)) return;
    landed.add(key);
    const pages = Taro.getCurrentPages();
    const here = pages[pages.length - 1]?.route?.replace(/^\//, '');
    if (landingTab(profile) === 'work' && (here === undefined || here === 'pages/index/index'))
      void Taro.switchTab({ url: STAFF_ROUTES.work });
  }, [ready, profile, session.token]);

  const open = cases.data?.open ?? [];
  const toRate = cases.data?.toRate ?? [];
  const name = session.persona?.name;

  return (
    <PageShell className="home" testId="page-home">
      <View className="home__banner">
        <View className="home__title">五员共治 · 我为群众办实事</View>
        <View className="home__subtitle">{name ? `${name}，您好！` : '您好！'}有事找网格，五员来帮您</View>
      </View>

      <BigButton hero testId="report-button" onClick={() => void Taro.navigateTo({ url: ROUTES.report })}>
        <View>
          <Icon name="square-pen" tone="on-fill" />
          我要上报
        </View>
        <Text className="home__hero-sub">报修、纠纷、隐患、求助都可以</Text>
      </BigButton>

      {unread > 0 ? (
        <View
          className="home__unread"
          hoverClass="home__unread--pressed"
          onClick={() => void Taro.switchTab({ url: ROUTES.messages })}
          data-testid="home-unread"
          {...asButton(`您有${unread}条新消息，点按查看`)}
        >
          <View>
            <Icon name="bell" tone="caution" />
            您有 {unread} 条新消息
          </View>
          <Text className="home__unread-go">查看 ›</Text>
        </View>
      ) : null}

      {toRate.length > 0 ? (
        <>
          <SectionTitle>等您评价</SectionTitle>
          <View data-testid="to-rate-cases">
            {toRate.slice(0, OPEN_SHOWN).map((c) => (
              <CaseCard key={c.id} item={c} />
            ))}
          </View>
        </>
      ) : null}

      <SectionTitle
        extra={
          <View
            className="home__more"
            hoverClass="home__more--pressed"
            onClick={() => void Taro.switchTab({ url: ROUTES.cases })}
            {...asButton('查看全部诉求')}
          >
            全部诉求 ›
          </View>
        }
      >
        正在办理
      </SectionTitle>
      <ErrorLine message={cases.error} onRetry={() => void cases.reload()} />
      {cases.loading && !cases.data ? <Loading /> : null}
      {cases.data && open.length === 0 ? (
        <EmptyState icon="sun" title="没有正在办理的诉求">
          遇到问题，点上面的「我要上报」
        </EmptyState>
      ) : null}
      <View data-testid="open-cases">
        {open.slice(0, OPEN_SHOWN).map((c) => (
          <CaseCard key={c.id} item={c} />
        ))}
      </View>

      <VoteEntry ready={ready} />
      <SurveyEntry ready={ready} />

      <GridBoard ready={ready} />

      <View
        className="card home__board"
        hoverClass="home__board--pressed"
        onClick={openBoard}
        data-testid="open-board"
        {...asButton('公示栏：看看全街道办了多少事、群众满不满意')}
      >
        <View className="home__board-icon">
          <Icon name="chart-column" tone="primary" className="icon--block" />
        </View>
        <View className="home__board-body">
          <View className="home__board-title">公示栏</View>
          <View className="home__board-text">看看全街道办了多少事、群众满不满意</View>
        </View>
        <Glyph className="home__board-arrow">›</Glyph>
      </View>
    </PageShell>
  );
}

/** 公示牌: the five-role group of the resident's grid, or a picker to say which grid that is. */
function GridBoard({ ready }: { ready: boolean }) {
  const place = useStore(placeStore);
  const [picking, setPicking] = useState(false);
  // While changing, the new choice stays here until a grid is picked; 取消 keeps the old one.
  const [pending, setPending] = useState<PlaceChoice>({});
  const gridId = place.gridId;
  const roster = useRemote(() => residentApi.gridRoster(gridId!), ready && Boolean(gridId));
  const needPlaces = ready && (picking || !gridId);
  const places = useRemote(() => residentApi.listPlaces(), needPlaces);

  const lastGrid = useRef(gridId);
  useEffect(() => {
    if (gridId && gridId !== lastGrid.current && ready) void roster.reload();
    lastGrid.current = gridId;
  }, [gridId, ready]);

  const choose = (next: PlaceChoice) => {
    const r = resolvePlace(places.data?.communities ?? [], next);
    if (!r.grid) return setPending(next);
    // A building of the old grid would not belong to the new one.
    placeStore.set({
      communityId: r.community?.id,
      gridId: r.grid.id,
      buildingId: r.grid.id === place.gridId ? place.buildingId : undefined,
    });
    setPicking(false);
    setPending({});
  };

  const title = roster.data && !picking ? `${roster.data.grid.communityName ?? ''}${roster.data.grid.name} 五员共治小组` : '谁来帮您';

  return (
    <View data-testid="grid-board">
      <SectionTitle
        extra={
          gridId && !picking ? (
            <View className="home__more" onClick={() => setPicking(true)} data-testid="grid-change" {...asButton('更换网格')}>
              更换
            </View>
          ) : null
        }
      >
        {title}
      </SectionTitle>
      {!gridId || picking ? (
        <View data-testid="grid-picker">
          <View className="home__pick-hint">选择您住的社区和网格，看看为您服务的五员共治小组。</View>
          <ErrorLine message={places.error} onRetry={() => void places.reload()} />
          {places.loading && !places.data ? <Loading /> : null}
          {places.data ? (
            <PlacePicker communities={places.data.communities} choice={pending} onChange={choose} depth="grid" testId="grid-pickers" />
          ) : null}
          {picking ? (
            <BigButton
              kind="plain"
              onClick={() => {
                setPicking(false);
                setPending({});
              }}
            >
              取消
            </BigButton>
          ) : null}
        </View>
      ) : (
        <>
          <ErrorLine message={roster.error} onRetry={() => void roster.reload()} />
          {roster.loading && !roster.data ? <Loading /> : null}
          {roster.data ? (
            <View className="card home__roles" data-testid="grid-roster">
              {roster.data.members.map((m) => (
                <View key={m.role} className="home__role" data-testid="roster-member">
                  <View className="home__role-icon">
                    <Icon name={roleIcon(m.role)} tone="primary" className="icon--block" />
                  </View>
                  <View className="home__role-body">
                    <View className="home__role-name">
                      {m.roleName}
                      <Text className="home__role-person">{m.name}</Text>
                      {!m.onDuty && m.name !== '（空缺）' ? <Text className="home__role-off">暂不在岗</Text> : null}
                    </View>
                    <View className="home__role-duty">{m.duties}</View>
                  </View>
                </View>
              ))}
              <View className="home__roles-note">按问题类别，您的诉求会自动交给其中负责的那一位。</View>
            </View>
          ) : null}
        </>
      )}
    </View>
  );
}

/** 民生微实事: the open rounds of the resident's community, one tap from 首页 (shown only when there is one). */
function VoteEntry({ ready }: { ready: boolean }) {
  const place = useStore(placeStore);
  const rounds = useRemote(
    () => microProjectsApi.myRounds({ gridId: place.gridId, buildingId: place.buildingId }),
    ready && Boolean(place.gridId || place.buildingId),
  );
  const lastGrid = useRef(place.gridId);
  useEffect(() => {
    if (place.gridId !== lastGrid.current && ready) void rounds.reload();
    lastGrid.current = place.gridId;
  }, [place.gridId, ready]);
  useDidShow(() => {
    if (rounds.data) void rounds.reload();
  });
  const open = (rounds.data?.items ?? []).filter((r) => r.state === 'open');
  if (open.length === 0) return null;
  const waiting = open.filter((r) => r.canVote).length;
  return (
    <View
      className="card home__board"
      hoverClass="home__board--pressed"
      onClick={() => void Taro.navigateTo({ url: ROUTES.vote })}
      data-testid="open-vote"
      {...asButton()}
    >
      <View className="home__board-body">
        <View className="home__board-title">民生微实事投票</View>
        <View className="home__board-text">{waiting > 0 ? `${open[0]!.title}，请投出您的一票` : '您已投票，看看实时结果'}</View>
      </View>
      <Glyph className="home__board-arrow">›</Glyph>
    </View>
  );
}

/** 满意度测评: this quarter's survey of the resident's community, while it is open and not yet answered. */
function SurveyEntry({ ready }: { ready: boolean }) {
  const place = useStore(placeStore);
  const surveys = useRemote(
    () => surveyApi.mine({ gridId: place.gridId, buildingId: place.buildingId }),
    ready && Boolean(place.gridId || place.buildingId),
  );
  const lastGrid = useRef(place.gridId);
  useEffect(() => {
    if (place.gridId !== lastGrid.current && ready) void surveys.reload();
    lastGrid.current = place.gridId;
  }, [place.gridId, ready]);
  useDidShow(() => {
    if (surveys.data) void surveys.reload();
  });
  const waiting = (surveys.data?.items ?? []).filter((s) => !s.answered);
  if (waiting.length === 0) return null;
  return (
    <View
      className="card home__board"
      hoverClass="home__board--pressed"
      onClick={() => void Taro.navigateTo({ url: ROUTES.survey })}
      data-testid="open-survey"
      {...asButton()}
    >
      <View className="home__board-body">
        <View className="home__board-title">满意度测评</View>
        <View className="home__board-text">{waiting[0]!.communityName}本季度测评进行中，请说说您的意见</View>
      </View>
      <Glyph className="home__board-arrow">›</Glyph>
    </View>
  );
}

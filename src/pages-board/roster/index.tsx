import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { CallLink } from '../../components/call-link/index';
import { ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { boardApi } from '../../services/board-api';
import { BOARD_ROUTES, compareGridNames } from '../../utils/board-case';
import { useKeyedRemote } from '../../utils/board-remote';
import './index.scss';
import { Glyph, Icon } from '../../components/icon';
import { roleIcon } from '../../components/icon/maps';

/** 公示牌: a grid's five-role group, masked names, roles and duties; without a grid, the list of grids. */
export default function RosterPage() {
  const { params } = useRouter();
  const gridId = params.gridId ? decodeURIComponent(params.gridId) : undefined;
  const roster = useKeyedRemote(() => boardApi.gridRoster(gridId!), gridId);
  const places = useKeyedRemote(() => boardApi.listPlaces(), 'places');
  const r = roster.data;

  return (
    <PageShell className="roster" testId="page-roster" requireIdentity={false}>
      <ErrorLine message={gridId ? roster.error : places.error} onRetry={() => void (gridId ? roster.reload() : places.reload())} />
      {(gridId && roster.loading && !r) || (!gridId && places.loading && !places.data) ? <Loading /> : null}

      {r ? (
        <View data-testid="roster">
          <View className="roster__board">
            <View className="roster__title" data-testid="roster-grid-name">
              {r.grid.communityName} {r.grid.name}
            </View>
            <View className="roster__subtitle">五员共治小组 · 公示牌</View>
            {r.grid.households ? <View className="roster__households">服务 {r.grid.households} 户居民</View> : null}
          </View>
          {r.members.map((m) => (
            <View key={m.role} className="card roster__member" data-testid="roster-member" data-role={m.role}>
              <View className="roster__member-head">
                <View className="roster__icon">
                  <Icon name={roleIcon(m.role)} tone="primary" className="icon--block" />
                </View>
                <View className="roster__who">
                  <View className="roster__role">{m.roleName}</View>
                  <View className="roster__name" data-testid="roster-name">
                    {m.name}
                  </View>
                </View>
                <Text className={`roster__duty-state ${m.onDuty ? 'roster__duty-state--on' : ''}`}>{m.onDuty ? '在岗' : '暂不在岗'}</Text>
              </View>
              <View className="roster__duties">
                <Text className="roster__duties-label">负责：</Text>
                {m.duties}
              </View>
              {m.commitment ? (
                <View className="roster__duties" data-testid="roster-commitment">
                  <Text className="roster__duties-label">服务承诺：</Text>
                  {m.commitment}
                </View>
              ) : null}
              {m.workPhone ? <CallLink phone={m.workPhone} label={`工作电话 ${m.workPhone}`} testId="roster-phone" /> : null}
            </View>
          ))}
          <View className="roster__note">
            为保护个人信息，成员同意后才公示全名和工作电话。有事请在小程序里「我要上报」，系统会派给对应的成员。
          </View>
          <BigButton
            kind="secondary"
            testId="roster-board"
            onClick={() => void Taro.navigateTo({ url: boardOfGrid(r.grid.id, places.data) })}
          >
            看这个网格的办理情况
          </BigButton>
        </View>
      ) : null}

      {!gridId && places.data ? (
        <View data-testid="roster-grids">
          <SectionTitle>选择网格</SectionTitle>
          {places.data.communities.map((c) => (
            <View key={c.id} className="card">
              <View className="roster__community">{c.name}</View>
              {[...c.grids]
                .sort((a, b) => compareGridNames(a.name, b.name))
                .map((g) => (
                  <View
                    key={g.id}
                    className="roster__grid-link"
                    hoverClass="roster__grid-link--pressed"
                    onClick={() => void Taro.redirectTo({ url: BOARD_ROUTES.roster(g.id) })}
                  >
                    <Text>{g.name}</Text>
                    <Glyph className="roster__chevron">›</Glyph>
                  </View>
                ))}
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}

/** The board scoped to this grid (it needs the grid's community to show the grid's chips). */
function boardOfGrid(gridId: string, places?: { communities: { id: string; grids: { id: string }[] }[] }): string {
  const communityId = places?.communities.find((c) => c.grids.some((g) => g.id === gridId))?.id;
  return communityId
    ? `${BOARD_ROUTES.board}?communityId=${encodeURIComponent(communityId)}&gridId=${encodeURIComponent(gridId)}`
    : BOARD_ROUTES.board;
}

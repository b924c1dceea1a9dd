import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Switch, Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { PlacePicker } from '../../components/place-picker';
import { residentApi } from '../../services/resident-api';
import { placeStore } from '../../state/place';
import { largeTextStore } from '../../state/prefs';
import { needsPersona, sessionStore } from '../../state/session';
import { refreshUnread } from '../../state/unread';
import { useStore } from '../../state/use-store';
import { placeLabel, resolvePlace, type PlaceChoice } from '../../utils/places';
import { openBoard, RESIDENT_ROUTES } from '../../utils/resident-routes';
import { FIVE_ROLES, roleName } from '../../utils/roles';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import { useRemote } from '../../utils/use-remote';
import './index.scss';
import { COLORS } from '../../styles/colors';
import { Glyph, Icon, type IconWith } from '../../components/icon';
import { roleIcon } from '../../components/icon/maps';

const IS_H5 = process.env.TARO_ENV === 'h5';

export default function MePage() {
  const session = useStore(sessionStore);
  const largeText = useStore(largeTextStore);
  const place = useStore(placeStore);
  const ready = !needsPersona(session);
  const persona = session.persona;
  const places = useRemote(() => residentApi.listPlaces(), ready);
  const [editing, setEditing] = useState(false);
  const [pending, setPending] = useState<PlaceChoice>({});

  useDidShow(() => {
    if (ready) void refreshUnread();
  });

  const resolved = resolvePlace(places.data?.communities ?? [], place);
  const label = placeLabel(resolved);

  const choose = (next: PlaceChoice) => {
    const r = resolvePlace(places.data?.communities ?? [], next);
    if (!r.building) return setPending(next);
    placeStore.set({ communityId: r.community?.id, gridId: r.grid?.id, buildingId: r.building.id });
    setEditing(false);
    setPending({});
    void Taro.showToast({ title: '已保存', icon: 'none' });
  };

  const switchPersona = async () => {
    const { confirm } = await Taro.showModal({ title: '切换演示身份', content: '退出当前身份，重新选择？', confirmText: '切换' });
    if (confirm) sessionStore.logout();
  };

  return (
    <PageShell className="me" testId="page-me">
      <View className="card me__who">
        <View className="me__avatar">
          {persona ? Array.from(persona.name)[0] : <Icon name="user" tone="on-fill" className="icon--block" />}
        </View>
        <View>
          <View className="me__name" data-testid="me-name">
            {persona?.name ?? '微信用户'}
          </View>
          <View className="me__roles">
            {persona ? persona.roles.map(roleName).join('、') : '居民'}
            {persona?.communityName ? ` · ${persona.communityName}` : ''}
          </View>
        </View>
      </View>

      <SectionTitle
        extra={
          !editing ? (
            <View className="me__link" onClick={() => setEditing(true)} data-testid="place-edit">
              {label ? '更改' : '设置'}
            </View>
          ) : null
        }
      >
        我的住处
      </SectionTitle>
      <ErrorLine message={places.error} onRetry={() => void places.reload()} />
      {editing ? (
        places.data ? (
          <>
            <PlacePicker communities={places.data.communities} choice={pending} onChange={choose} testId="me-place-pickers" />
            <BigButton
              kind="plain"
              onClick={() => {
                setEditing(false);
                setPending({});
              }}
            >
              取消
            </BigButton>
          </>
        ) : (
          <Loading />
        )
      ) : (
        <View className="card me__row" data-testid="my-place">
          <View>
            <View className="me__row-title">{label || '还没有设置'}</View>
            <View className="me__row-text">上报时自动填好位置，首页显示您网格的五员共治小组</View>
          </View>
        </View>
      )}

      <SectionTitle>设置</SectionTitle>
      <View className="card">
        {/* The whole row toggles 长辈版, not only the switch. */}
        <View className="me__row me__row--tap" onClick={() => largeTextStore.set(!largeText)} data-testid="large-text-row">
          <View>
            <View className="me__row-title">长辈版</View>
            <View className="me__row-text">字更大、按钮更大，看得清、点得准</View>
          </View>
          <Switch className="me__switch" checked={largeText} color={COLORS.primary} data-testid="large-text-switch" />
        </View>
      </View>

      <View className="card me__links">
        <LinkRow
          icon="lock"
          title="隐私保护指引"
          text="我们收集什么、谁能看到、怎样保护"
          onClick={() => void Taro.navigateTo({ url: RESIDENT_ROUTES.privacy })}
          testId="open-privacy"
        />
        <LinkRow icon="chart-column" title="公示栏" text="全街道的办理情况和五员共治小组" onClick={openBoard} testId="me-open-board" />
        <LinkRow
          icon="id-card"
          title="绑定五员身份"
          text="小组成员、职能部门输入收到的邀请码"
          onClick={() => void Taro.navigateTo({ url: STAFF_ROUTES.bind() })}
          testId="open-bind"
        />
      </View>

      {IS_H5 ? (
        <BigButton kind="secondary" onClick={() => void switchPersona()} testId="switch-persona">
          切换演示身份
        </BigButton>
      ) : null}

      <SectionTitle>关于</SectionTitle>
      <View className="card me__about">
        <View className="me__about-title">五员共治 · 我为群众办实事</View>
        <View className="me__about-text">
          每个网格有一个“五员共治小组”：党小组长、居民小组长、网格员、业委会成员、楼栋物管员。您在这里反映的问题，会按类别交给本网格里负责的那一位，限时办理，办好后请您评价；不满意会退回重新办理。
        </View>
        {FIVE_ROLES.map((r) => (
          <View key={r.role} className="me__role">
            <View className="me__role-name">
              <Icon name={roleIcon(r.role)} tone="primary" />
              {r.name}
            </View>
            <Text className="me__row-text">{r.duty}</Text>
          </View>
        ))}
        <View className="me__about-text me__privacy">您的姓名、电话和门牌号不会公开。公开的诉求在公示栏只显示去掉个人信息后的内容。</View>
        <View className="me__version">版本 {APP_VERSION}</View>
      </View>
    </PageShell>
  );
}

function LinkRow({
  icon,
  title,
  text,
  onClick,
  testId,
}: {
  icon: IconWith<'primary'>;
  title: string;
  text: string;
  onClick: () => void;
  testId: string;
}) {
  return (
    <View className="me__link-row" hoverClass="me__link-row--pressed" onClick={onClick} data-testid={testId}>
      <View className="me__link-icon">
        <Icon name={icon} tone="primary" className="icon--block" />
      </View>
      <View className="me__link-body">
        <View className="me__row-title">{title}</View>
        <View className="me__row-text">{text}</View>
      </View>
      <Glyph className="me__link-arrow">›</Glyph>
    </View>
  );
}

import Taro from '@tarojs/taro';
import { Switch, Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { largeTextStore } from '../../state/prefs';
import { sessionStore } from '../../state/session';
import { useStore } from '../../state/use-store';
import { FIVE_ROLES, roleName } from '../../utils/roles';
import './index.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

export default function MePage() {
  const session = useStore(sessionStore);
  const largeText = useStore(largeTextStore);
  const persona = session.persona;

  const switchPersona = async () => {
    const { confirm } = await Taro.showModal({ title: '切换演示身份', content: '退出当前身份，重新选择？', confirmText: '切换' });
    if (confirm) sessionStore.logout();
  };

  return (
    <PageShell className="me" testId="page-me">
      <View className="card me__who">
        <View className="me__avatar">{persona ? Array.from(persona.name)[0] : '👤'}</View>
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

      <SectionTitle>设置</SectionTitle>
      <View className="card">
        <View className="me__row">
          <View>
            <View className="me__row-title">大字模式</View>
            <View className="me__row-text">把所有页面的字放大</View>
          </View>
          <Switch
            checked={largeText}
            color="#c62828"
            onChange={(e) => largeTextStore.set(e.detail.value)}
            data-testid="large-text-switch"
          />
        </View>
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
          每个网格有一个“五员共治小组”：党小组长、居民小组长、网格员、业委会成员、楼栋物管员。您在这里反映的问题，会按类别交给本网格里负责的那一位，限时办理，办好后请您评价。
        </View>
        {FIVE_ROLES.map((r) => (
          <View key={r.role} className="me__role">
            <Text className="me__role-name">{r.name}</Text>
            <Text className="me__row-text">{r.duty}</Text>
          </View>
        ))}
        <View className="me__about-text me__privacy">您的姓名、电话和门牌号不会公开。公开的诉求在公示栏只显示去掉个人信息后的内容。</View>
        <View className="me__version">版本 {APP_VERSION}</View>
      </View>
    </PageShell>
  );
}

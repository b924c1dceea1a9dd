import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { Persona } from '../../services/api-types';
import { errorMessage } from '../../services/api-error';
import { devLogin, listPersonas } from '../../services/dev-auth';
import { sessionStore } from '../../state/session';
import { roleName } from '../../utils/roles';
import { useRemote } from '../../utils/use-remote';
import { EmptyState, ErrorLine, Loading } from '../notice';
import './index.scss';

/**
 * 选择演示身份 — H5 only. The local host seeds demo people; picking one logs in as them.
 * Residents come first: they are who the app is for.
 */
export function PersonaPicker() {
  const personas = useRemote(listPersonas, true);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  const pick = async (persona: Persona) => {
    if (busy) return;
    setBusy(persona.openid);
    setError(undefined);
    try {
      const token = await devLogin(persona.openid);
      sessionStore.login(token, persona);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  const items = [...(personas.data ?? [])].sort((a, b) => Number(!a.roles.includes('resident')) - Number(!b.roles.includes('resident')));

  return (
    <View className="persona-picker" data-testid="persona-picker">
      <View className="persona-picker__title">选择演示身份</View>
      <View className="persona-picker__hint">这是本地演示环境。请选择一位身份进入，之后可在「我的」里切换。</View>
      <ErrorLine message={error ?? personas.error} onRetry={personas.error ? () => void personas.reload() : undefined} />
      {personas.loading && !personas.data ? <Loading /> : null}
      {personas.data && items.length === 0 ? <EmptyState title="没有可用的演示身份" /> : null}
      {items.map((p) => (
        <View
          key={p.openid}
          className={`persona-card ${busy === p.openid ? 'persona-card--busy' : ''}`}
          hoverClass="persona-card--pressed"
          data-testid={`persona-${p.openid}`}
          data-roles={p.roles.join(',')}
          onClick={() => void pick(p)}
        >
          <View className="persona-card__head">
            <Text className="persona-card__name">{p.name}</Text>
            <Text className="persona-card__roles">{p.roles.map(roleName).join('、')}</Text>
          </View>
          {p.communityName || p.gridName ? (
            <View className="persona-card__place">{[p.communityName, p.gridName].filter(Boolean).join(' · ')}</View>
          ) : null}
          {p.description ? <View className="persona-card__desc">{p.description}</View> : null}
          {busy === p.openid ? <View className="persona-card__busy">正在进入…</View> : null}
        </View>
      ))}
    </View>
  );
}

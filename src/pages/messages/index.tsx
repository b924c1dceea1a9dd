import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { EmptyState, ErrorLine, Loading } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { ROUTES } from '../../routes';
import { errorMessage } from '../../services/api-error';
import { residentApi } from '../../services/resident-api';
import type { InboxMessage } from '../../services/resident-types';
import { needsPersona, sessionStore } from '../../state/session';
import { setUnread, unreadStore } from '../../state/unread';
import { useStore } from '../../state/use-store';
import { formatTime } from '../../utils/format';
import './index.scss';
import { Icon, type IconWith } from '../../components/icon';
import { asButton } from '../../utils/a11y';

/** An icon for each kind of notice, so the list reads at a glance. */
const ICONS: Record<string, IconWith<'primary'>> = {
  case_accepted: 'mail',
  case_progress: 'hammer',
  case_resolved: 'star',
  case_rework: 'rotate-ccw',
  case_closed: 'circle-check',
};

interface ListState {
  items: InboxMessage[];
  nextBefore?: string;
  loaded: boolean;
  loading: boolean;
  error?: string;
}

const EMPTY: ListState = { items: [], loaded: false, loading: false };

export default function MessagesPage() {
  const session = useStore(sessionStore);
  const ready = !needsPersona(session);
  const unread = useStore(unreadStore);
  const [list, setList] = useState<ListState>(EMPTY);
  const latest = useRef(0);
  const shown = useRef(false);

  const load = useCallback(
    async (more: boolean) => {
      const before = more ? list.nextBefore : undefined;
      if (more && !before) return;
      const mine = ++latest.current;
      setList((s) => ({ ...s, loading: true, error: undefined }));
      try {
        const page = await residentApi.listMessages({ before });
        if (mine !== latest.current) return;
        setUnread(page.unread);
        setList((s) => ({
          items: more ? [...s.items, ...page.items] : page.items,
          nextBefore: page.nextBefore,
          loaded: true,
          loading: false,
        }));
      } catch (e) {
        if (mine !== latest.current) return;
        setList((s) => ({ ...s, loading: false, error: errorMessage(e) }));
      }
    },
    [list.nextBefore],
  );

  useEffect(() => {
    if (!ready) return;
    setList(EMPTY);
    void load(false);
  }, [ready, session.token]);

  useDidShow(() => {
    if (shown.current && ready) void load(false);
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void load(false).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (!list.loading && list.nextBefore) void load(true);
  });

  const markRead = (ids: string[] | 'all') => {
    setList((s) => ({ ...s, items: s.items.map((m) => (ids === 'all' || ids.includes(m.id) ? { ...m, read: true } : m)) }));
    residentApi
      .markMessagesRead(ids)
      .then((r) => setUnread(r.unread))
      .catch(() => undefined);
  };

  const open = (m: InboxMessage) => {
    if (!m.read) markRead([m.id]);
    if (m.caseId) void Taro.navigateTo({ url: ROUTES.caseDetail(m.caseId) });
  };

  const anyUnread = unread > 0 || list.items.some((m) => !m.read);

  return (
    <PageShell className="messages" testId="page-messages">
      {list.loaded && list.items.length > 0 ? (
        <View className="messages__bar">
          <Text className="messages__count" data-testid="unread-count">
            {anyUnread ? `${unread} 条未读` : '全部已读'}
          </Text>
          {anyUnread ? (
            <View className="messages__all" hoverClass="messages__all--pressed" onClick={() => markRead('all')} data-testid="mark-all-read">
              全部标为已读
            </View>
          ) : null}
        </View>
      ) : null}

      <ErrorLine message={list.error} onRetry={() => void load(list.items.length > 0)} />
      {list.loading && !list.loaded ? <Loading /> : null}
      {list.loaded && list.items.length === 0 ? (
        <EmptyState icon="bell" title="暂无消息">
          诉求受理、有进展、办好了，都会在这里告诉您。
        </EmptyState>
      ) : null}

      <View data-testid="message-list">
        {list.items.map((m) => (
          <View
            key={m.id}
            className={`message ${m.read ? '' : 'message--unread'}`}
            hoverClass="message--pressed"
            onClick={() => open(m)}
            data-testid="message"
            data-read={m.read ? '1' : '0'}
            data-case-id={m.caseId}
            {...asButton(`${m.read ? '' : '未读，'}${m.title}：${m.body}`)}
          >
            <View className="message__icon">
              <Icon name={ICONS[m.kind] ?? 'bell'} tone="primary" className="icon--block" />
            </View>
            <View className="message__body">
              <View className="message__head">
                <Text className="message__title">{m.title}</Text>
                {m.read ? null : <Text className="message__dot" />}
              </View>
              <View className="message__text">{m.body}</View>
              <View className="message__time">
                {m.caseNo ? `编号 ${m.caseNo} · ` : ''}
                {formatTime(m.at)}
              </View>
            </View>
          </View>
        ))}
      </View>

      {list.nextBefore ? (
        <BigButton kind="plain" disabled={list.loading} onClick={() => void load(true)} testId="load-more">
          {list.loading ? '正在加载…' : '加载更多'}
        </BigButton>
      ) : null}
    </PageShell>
  );
}

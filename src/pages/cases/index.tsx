import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { CaseCard } from '../../components/case-card';
import { EmptyState, ErrorLine, Loading } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { ROUTES } from '../../routes';
import { errorMessage } from '../../services/api-error';
import type { CaseListFilter } from '../../services/api-types';
import { residentApi } from '../../services/resident-api';
import type { ResidentCaseCard } from '../../services/resident-types';
import { needsPersona, sessionStore } from '../../state/session';
import { refreshUnread } from '../../state/unread';
import { useStore } from '../../state/use-store';
import './index.scss';

const FILTERS: ReadonlyArray<{ value: CaseListFilter; label: string; empty: string }> = [
  { value: 'all', label: '全部', empty: '还没有诉求' },
  { value: 'open', label: '办理中', empty: '没有正在办理的诉求' },
  { value: 'resolved', label: '待评价', empty: '没有等您评价的诉求' },
  { value: 'closed', label: '已办结', empty: '还没有办结的诉求' },
];

interface ListState {
  items: ResidentCaseCard[];
  nextCursor?: string;
  loaded: boolean;
  loading: boolean;
  error?: string;
}

const EMPTY: ListState = { items: [], loaded: false, loading: false };

export default function CasesPage() {
  const session = useStore(sessionStore);
  const ready = !needsPersona(session);
  const [filter, setFilter] = useState<CaseListFilter>('all');
  const [list, setList] = useState<ListState>(EMPTY);
  const latest = useRef(0);
  const shown = useRef(false);

  /** Loads the first page (`more` false) or the next one; an older answer never wins. */
  const load = useCallback(
    async (more: boolean) => {
      const mine = ++latest.current;
      const cursor = more ? list.nextCursor : undefined;
      if (more && !cursor) return;
      setList((s) => ({ ...s, loading: true, error: undefined }));
      try {
        const page = await residentApi.listMyCases({ status: filter, cursor });
        if (mine !== latest.current) return;
        setList((s) => ({
          items: more ? [...s.items, ...page.items] : page.items,
          nextCursor: page.nextCursor,
          loaded: true,
          loading: false,
        }));
      } catch (e) {
        if (mine !== latest.current) return;
        setList((s) => ({ ...s, loading: false, error: errorMessage(e) }));
      }
    },
    [filter, list.nextCursor],
  );

  useEffect(() => {
    if (!ready) return;
    setList(EMPTY);
    void load(false);
    // Only a new filter or a new person starts the list again.
  }, [ready, filter, session.token]);

  useDidShow(() => {
    if (shown.current && ready) void load(false);
    shown.current = true;
    if (ready) void refreshUnread();
  });
  usePullDownRefresh(() => {
    void load(false).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (!list.loading && list.nextCursor) void load(true);
  });

  return (
    <PageShell className="cases" testId="page-cases">
      <View className="cases__filters">
        {FILTERS.map((f) => (
          <View
            key={f.value}
            className={`cases__filter ${filter === f.value ? 'cases__filter--on' : ''}`}
            hoverClass="cases__filter--pressed"
            onClick={() => setFilter(f.value)}
            data-testid={`filter-${f.value}`}
            aria-selected={filter === f.value}
          >
            {f.label}
          </View>
        ))}
      </View>

      <ErrorLine message={list.error} onRetry={() => void load(list.items.length > 0)} />
      {list.loading && !list.loaded ? <Loading /> : null}
      {list.loaded && list.items.length === 0 ? (
        <EmptyState icon="inbox" title={FILTERS.find((f) => f.value === filter)?.empty ?? '还没有诉求'}>
          <BigButton kind="secondary" onClick={() => void Taro.navigateTo({ url: ROUTES.report })}>
            我要上报
          </BigButton>
        </EmptyState>
      ) : null}

      <View data-testid="case-list">
        {list.items.map((c) => (
          <CaseCard key={c.id} item={c} />
        ))}
      </View>

      {list.nextCursor ? (
        <BigButton kind="plain" disabled={list.loading} onClick={() => void load(true)} testId="load-more">
          {list.loading ? '正在加载…' : '加载更多'}
        </BigButton>
      ) : null}
      {list.loaded && !list.nextCursor && list.items.length > 0 ? <View className="cases__end">没有更多了</View> : null}
    </PageShell>
  );
}

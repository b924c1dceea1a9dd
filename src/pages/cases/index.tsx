import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { CaseCard } from '../../components/case-card';
import { EmptyState, ErrorLine, Loading } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { ROUTES } from '../../routes';
import type { CaseListFilter } from '../../services/api-types';
import { residentApi } from '../../services/resident-api';
import { needsPersona, sessionStore } from '../../state/session';
import { refreshUnread } from '../../state/unread';
import { useStore } from '../../state/use-store';
import './index.scss';
import { usePagedList } from '../../utils/use-paged-list';
import { roleOf } from '../../utils/a11y';

const FILTERS: ReadonlyArray<{ value: CaseListFilter; label: string; empty: string }> = [
  { value: 'all', label: '全部', empty: '还没有诉求' },
  { value: 'open', label: '办理中', empty: '没有正在办理的诉求' },
  { value: 'resolved', label: '待评价', empty: '没有等您评价的诉求' },
  { value: 'closed', label: '已办结', empty: '还没有办结的诉求' },
];

export default function CasesPage() {
  const session = useStore(sessionStore);
  const ready = !needsPersona(session);
  const [filter, setFilter] = useState<CaseListFilter>('all');

  const list = usePagedList((cursor) => residentApi.listMyCases({ status: filter, cursor }), {
    enabled: ready,
    deps: [filter, session.token],
  });
  const load = list.load;

  useDidShow(() => {
    if (ready) void refreshUnread();
  });

  return (
    <PageShell className="cases" testId="page-cases">
      <View className="cases__filters" {...roleOf('tablist')}>
        {FILTERS.map((f) => (
          <View
            key={f.value}
            className={`cases__filter ${filter === f.value ? 'cases__filter--on' : ''}`}
            hoverClass="cases__filter--pressed"
            onClick={() => setFilter(f.value)}
            data-testid={`filter-${f.value}`}
            aria-selected={filter === f.value}
            {...roleOf('tab')}
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

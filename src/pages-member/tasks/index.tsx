import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { EmptyState, ErrorLine, Loading } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffTaskCard } from '../../components/staff-task-card';
import { StaffChips } from '../../components/staff-ui';
import { errorMessage } from '../../services/api-error';
import { memberApi, type TaskTab } from '../../services/member-api';
import { sortByUrgency } from '../../utils/staff-deadline';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import './index.scss';
import { useSignedIn } from '../../state/staff-profile';
import { usePagedList } from '../../utils/use-paged-list';

const TABS: ReadonlyArray<{ value: TaskTab; label: string }> = [
  { value: 'assigned', label: '待受理' },
  { value: 'processing', label: '处理中' },
  { value: 'resolved', label: '待评价' },
  { value: 'closed', label: '已办结' },
];

const EMPTY_TEXT: Record<string, string> = {
  assigned: '没有待受理的任务',
  processing: '没有处理中的任务',
  resolved: '没有等待居民评价的任务',
  closed: '还没有办结的任务',
};

/** 任务: 待受理 / 处理中 / 待评价 / 已办结; open work in the order to do it, red when late. */
export default function TasksPage() {
  const router = useRouter();
  const initial = TABS.find((t) => t.value === router.params.tab)?.value ?? 'assigned';
  const [tab, setTab] = useState<TaskTab>(initial);
  const [accepting, setAccepting] = useState<string>();
  const [actionError, setActionError] = useState<string>();

  const signedIn = useSignedIn();
  const list = usePagedList((cursor) => memberApi.listTasks(tab, cursor), { enabled: signedIn, deps: [tab] });
  const load = list.load;

  const accept = async (caseId: string) => {
    if (accepting) return;
    setAccepting(caseId);
    setActionError(undefined);
    try {
      await memberApi.acceptCase(caseId);
      Taro.showToast({ title: '已受理', icon: 'success' });
      list.setItems((items) => items.filter((c) => c.id !== caseId));
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setAccepting(undefined);
    }
  };

  const now = new Date();
  const open = tab === 'assigned' || tab === 'processing';
  const items = open ? sortByUrgency(list.items, now) : list.items;

  return (
    <PageShell className="tasks" testId="page-tasks">
      <StaffChips options={TABS} value={tab} onChange={setTab} testId="task-tab" label="任务状态" />
      <ErrorLine message={list.error} onRetry={() => void load(list.items.length > 0)} />
      <ErrorLine message={actionError} testId="task-action-error" />
      {list.loading && !list.loaded ? <Loading /> : null}
      {list.loaded && items.length === 0 ? <EmptyState icon="circle-check" title={EMPTY_TEXT[tab] ?? '没有任务'} /> : null}
      <View data-testid="task-list">
        {items.map((c) => (
          <StaffTaskCard
            key={c.id}
            item={c}
            now={now}
            onOpen={() => void Taro.navigateTo({ url: STAFF_ROUTES.task(c.id) })}
            quickAccept={{ accepting, onAccept: (id) => void accept(id) }}
          />
        ))}
      </View>
      {list.nextCursor ? (
        <BigButton kind="plain" disabled={list.loading} onClick={() => void load(true)} testId="load-more">
          {list.loading ? '正在加载…' : '加载更多'}
        </BigButton>
      ) : null}
      {list.loaded && !list.nextCursor && items.length > 0 ? <View className="tasks__end">共 {items.length} 件</View> : null}
    </PageShell>
  );
}

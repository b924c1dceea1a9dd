import { useMemo, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { BoardCaseCard } from '../../components/board-case-card';
import { Chips, SelectBox, type Chip } from '../../components/board-scope';
import { EmptyState, ErrorLine, Loading } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { boardApi, type PublicStatusGroup } from '../../services/board-api';
import { compareGridNames } from '../../utils/board-case';
import { useKeyedRemote } from '../../utils/board-remote';
import './index.scss';
import { usePagedList } from '../../utils/use-paged-list';

const STATUS_CHIPS: Chip[] = [
  { value: '', label: '全部' },
  { value: 'open', label: '办理中' },
  { value: 'resolved', label: '待评价' },
  { value: 'closed', label: '已办结' },
];

/** Every public case, newest first; by status, category and place; a page at a time. */
export default function PublicCasesPage() {
  const { params } = useRouter();
  // A place is 'communityId' or 'communityId/gridId'; '' is the whole street.
  const [place, setPlace] = useState(() => (params.communityId ? [params.communityId, params.gridId].filter(Boolean).join('/') : ''));
  const [status, setStatus] = useState('');
  const [categoryId, setCategoryId] = useState('');

  const places = useKeyedRemote(() => boardApi.listPlaces(), 'places');
  const categories = useKeyedRemote(() => boardApi.listCategories(), 'categories');

  const placeOptions = useMemo<Chip[]>(
    () => [
      { value: '', label: '全街道' },
      ...(places.data?.communities ?? []).flatMap((c) => [
        { value: c.id, label: c.name },
        ...[...c.grids]
          .sort((a, b) => compareGridNames(a.name, b.name))
          .map((g) => ({ value: `${c.id}/${g.id}`, label: `${c.name} ${g.name}` })),
      ]),
    ],
    [places.data],
  );
  const categoryOptions = useMemo<Chip[]>(
    () => [{ value: '', label: '全部类别' }, ...(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))],
    [categories.data],
  );

  const list = usePagedList(
    (cursor) => {
      const [communityId, gridId] = place ? place.split('/') : [];
      return boardApi.listCases({
        communityId,
        gridId,
        categoryId: categoryId || undefined,
        status: (status || undefined) as PublicStatusGroup | undefined,
        cursor,
      });
    },
    { enabled: true, deps: [place, status, categoryId], reloadOnShow: false },
  );
  const load = list.load;

  const placeLabel = placeOptions.find((o) => o.value === place)?.label ?? '全街道';
  const categoryLabel = categoryOptions.find((o) => o.value === categoryId)?.label ?? '全部类别';

  return (
    <PageShell className="public-cases" testId="page-board-cases" requireIdentity={false}>
      <View className="card public-cases__filters">
        <Chips testId="case-status" label="办理状态" items={STATUS_CHIPS} value={status} onChange={setStatus} />
        <View className="public-cases__selects">
          <SelectBox testId="case-place" label={placeLabel} options={placeOptions} value={place} on={place !== ''} onChange={setPlace} />
          <SelectBox
            testId="case-category"
            label={categoryLabel}
            options={categoryOptions}
            value={categoryId}
            on={categoryId !== ''}
            onChange={setCategoryId}
          />
        </View>
      </View>

      <ErrorLine message={list.error} onRetry={() => void load(list.items.length > 0)} />
      {list.loading && !list.loaded ? <Loading /> : null}
      {list.loaded && list.items.length === 0 ? (
        <EmptyState icon="inbox" title="没有符合条件的公开诉求">
          换个类别或地点看看
        </EmptyState>
      ) : null}

      <View data-testid="board-case-list">
        {list.items.map((c) => (
          <BoardCaseCard key={c.id} item={c} />
        ))}
      </View>

      {list.nextCursor ? (
        <BigButton kind="plain" disabled={list.loading} onClick={() => void load(true)} testId="load-more">
          {list.loading ? '正在加载…' : '加载更多'}
        </BigButton>
      ) : null}
      {list.loaded && !list.nextCursor && list.items.length > 0 ? <View className="public-cases__end">没有更多了</View> : null}
    </PageShell>
  );
}

import { useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { LabelledInput } from '../../components/labelled-field';
import { EmptyState, ErrorLine, Loading } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffTaskCard } from '../../components/staff-task-card';
import { StaffChips, type ChipOption } from '../../components/staff-ui';
import { adminApi, type AdminCategory, type AdminGrid, type AdminMember, type StaffCaseCard } from '../../services/admin-api';
import {
  CHANNEL_CHOICES,
  DATE_CHOICES,
  EMPTY_FILTER,
  SEVERITY_CHOICES,
  STATUS_CHOICES,
  extraFilterCount,
  filterFromParams,
  toListQuery,
  type CaseFilter,
} from '../../utils/staff-case-filter';
import { byName } from '../../utils/staff-sort';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import { useRemote } from '../../utils/use-remote';
import { BulkBar } from './bulk-bar';
import './index.scss';
import { useSignedIn } from '../../state/staff-profile';
import { Icon } from '../../components/icon';
import { usePagedList } from '../../utils/use-paged-list';
import { asButton, asCheckbox } from '../../utils/a11y';
import { caseRowName } from '../../utils/case-row-name';
import { countdown } from '../../utils/staff-deadline';

const ALL = '__all';

interface Options {
  grids: AdminGrid[];
  categories: AdminCategory[];
  /** Handlers to filter by and to reassign to (admins only). */
  members: AdminMember[];
}

/** Grids and categories to filter by; a department has neither (it sees only what it was sent). */
const loadOptions = async (): Promise<Options> => {
  const [grids, categories, members] = await Promise.all([
    adminApi.listGrids().catch(() => ({ items: [] as AdminGrid[] })),
    adminApi.listCategories().catch(() => ({ items: [] as AdminCategory[] })),
    adminApi.listMembers().catch(() => ({ items: [] as AdminMember[] })),
  ]);
  return { grids: grids.items, categories: categories.items, members: members.items };
};

/** 案件: every case in reach, filtered by status, community, grid, category, severity, lateness and date; 20 a page. */
export default function AdminCasesPage() {
  const router = useRouter();
  const [filter, setFilter] = useState<CaseFilter>(() => filterFromParams(router.params));
  const [panel, setPanel] = useState(false);
  const signedIn = useSignedIn();
  const options = useRemote(loadOptions, signedIn);
  /** The search box as typed; the filter takes it on 搜索. */
  const [typed, setTyped] = useState(filter.q ?? '');
  /** 选择 mode: tapping a card selects it for the bulk actions. */
  const [selecting, setSelecting] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);

  const list = usePagedList((cursor) => adminApi.listCases(toListQuery(filter, new Date()), cursor), {
    enabled: signedIn,
    deps: [filter],
  });
  const load = list.load;
  const total = list.first?.total === undefined ? undefined : `${list.first.total}${list.first.totalCapped ? '+' : ''}`;

  const set = (patch: Partial<CaseFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const grids = options.data?.grids ?? [];
  const categories = options.data?.categories ?? [];
  const communities = useMemo(() => {
    const m = new Map<string, string>();
    for (const g of grids) m.set(g.communityId, g.communityName);
    return [...m.entries()].map(([id, name]) => ({ id, name }));
  }, [grids]);
  const gridChoices = grids
    .filter((g) => g.active && (!filter.communityId || g.communityId === filter.communityId))
    .sort((a, b) => a.communityName.localeCompare(b.communityName, 'zh') || byName(a, b));
  const extra = extraFilterCount(filter);
  const now = new Date();
  const members = options.data?.members ?? [];
  const handlerChoices = members
    .filter((m) => !filter.communityId || m.communityId === filter.communityId)
    .filter((m) => !filter.gridId || m.gridId === filter.gridId);
  const search = () => set({ q: typed.trim() || undefined });
  const toggle = (caseId: string) => setPicked((p) => (p.includes(caseId) ? p.filter((x) => x !== caseId) : [...p, caseId]));
  const selected = list.items.filter((c) => picked.includes(c.id));

  const withAll = <T extends string>(opts: ChipOption<T>[]): ChipOption<string>[] => [{ value: ALL, label: '全部' }, ...opts];

  /** A case to pick in 选择 mode: a check box named by its row. */
  const pick = (c: StaffCaseCard) => asCheckbox(picked.includes(c.id), caseRowName('选中诉求', c, countdown(c, now).text));

  return (
    <PageShell className="admin-cases" testId="page-admin-cases">
      <View className="admin-cases__search">
        <LabelledInput
          label="查找诉求"
          value={typed}
          maxlength={50}
          confirmType="search"
          placeholder="编号、电话或问题描述中的字词"
          onChange={setTyped}
          onConfirm={search}
          testId="case-search"
          beside={
            <>
              <View
                className="admin-cases__toggle admin-cases__toggle--on"
                onClick={search}
                data-testid="case-search-go"
                {...asButton('搜索诉求')}
              >
                搜索
              </View>
              {filter.q ? (
                <View
                  className="admin-cases__toggle"
                  onClick={() => {
                    setTyped('');
                    set({ q: undefined });
                  }}
                  data-testid="case-search-clear"
                  {...asButton('清除搜索')}
                >
                  清除
                </View>
              ) : null}
            </>
          }
        />
      </View>
      <StaffChips
        options={[
          { value: 'newest', label: '最新在前' },
          { value: 'time_left', label: '剩余时间少的在前' },
        ]}
        value={filter.sort ?? 'newest'}
        onChange={(v) => set({ sort: v === 'time_left' ? 'time_left' : undefined })}
        testId="case-sort"
        label="排序"
      />
      <StaffChips
        options={STATUS_CHOICES}
        value={filter.status}
        onChange={(status) => set({ status })}
        testId="case-status"
        scroll
        label="按状态查看"
      />
      <View className="admin-cases__bar">
        <Text className="admin-cases__total" data-testid="case-total">
          {total !== undefined ? `共 ${total} 件` : list.loaded ? `已显示 ${list.items.length} 件` : ''}
        </Text>
        <View className="admin-cases__bar-actions">
          <View
            className={`admin-cases__toggle ${filter.overdue ? 'admin-cases__toggle--on' : ''}`}
            onClick={() => set({ overdue: !filter.overdue, ...(filter.overdue ? {} : { status: 'open' as const }) })}
            data-testid="filter-overdue"
            {...asCheckbox(filter.overdue === true, '只看超时')}
          >
            <Icon name="alarm-clock" tone={filter.overdue ? 'primary' : 'text'} />
            只看超时
          </View>
          <View
            className={`admin-cases__toggle ${panel ? 'admin-cases__toggle--on' : ''}`}
            onClick={() => setPanel(!panel)}
            data-testid="filter-toggle"
            {...asButton(`${panel ? '收起' : '展开'}筛选${extra ? `，已选${extra}项` : ''}`)}
          >
            筛选{extra ? `（${extra}）` : ''}
          </View>
          {members.length > 0 ? (
            <View
              className={`admin-cases__toggle ${selecting ? 'admin-cases__toggle--on' : ''}`}
              onClick={() => {
                setSelecting(!selecting);
                setPicked([]);
              }}
              data-testid="select-toggle"
              {...asButton(selecting ? '完成选择' : '选择多件诉求')}
            >
              {selecting ? '完成' : '选择'}
            </View>
          ) : null}
        </View>
      </View>

      {panel ? (
        <View className="card admin-cases__panel" data-testid="filter-panel">
          {communities.length > 1 ? (
            <View>
              <View className="staff-form__label">社区</View>
              <StaffChips
                options={withAll(communities.map((c) => ({ value: c.id, label: c.name })))}
                value={filter.communityId ?? ALL}
                onChange={(v) => set({ communityId: v === ALL ? undefined : v, gridId: undefined })}
                testId="filter-community"
                label="社区"
              />
            </View>
          ) : null}
          {gridChoices.length > 0 ? (
            <View>
              <View className="staff-form__label">网格</View>
              <StaffChips
                options={withAll(
                  gridChoices.map((g) => ({
                    value: g.id,
                    label: communities.length > 1 && !filter.communityId ? `${g.communityName}${g.name}` : g.name,
                  })),
                )}
                value={filter.gridId ?? ALL}
                onChange={(v) => set({ gridId: v === ALL ? undefined : v })}
                testId="filter-grid"
                label="网格"
              />
            </View>
          ) : null}
          {categories.length > 0 ? (
            <View>
              <View className="staff-form__label">类别</View>
              <StaffChips
                options={withAll(categories.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name })))}
                value={filter.categoryId ?? ALL}
                onChange={(v) => set({ categoryId: v === ALL ? undefined : v })}
                testId="filter-category"
                label="类别"
              />
            </View>
          ) : null}
          {handlerChoices.length > 0 ? (
            <View>
              <View className="staff-form__label">办理人</View>
              <StaffChips
                options={withAll(handlerChoices.map((m) => ({ value: m.id, label: `${m.gridName ?? ''}${m.roleName} ${m.name}` })))}
                value={filter.handlerId ?? ALL}
                onChange={(v) => set({ handlerId: v === ALL ? undefined : v })}
                testId="filter-handler"
                label="办理人"
              />
            </View>
          ) : null}
          <View className="staff-form__label">渠道</View>
          <StaffChips
            options={withAll([...CHANNEL_CHOICES])}
            value={filter.channel ?? ALL}
            onChange={(v) => set({ channel: v === ALL ? undefined : (v as CaseFilter['channel']) })}
            testId="filter-channel"
            label="渠道"
          />
          <View className="staff-form__label">等级</View>
          <StaffChips
            options={withAll([...SEVERITY_CHOICES])}
            value={filter.severity ?? ALL}
            onChange={(v) => set({ severity: v === ALL ? undefined : (v as CaseFilter['severity']) })}
            testId="filter-severity"
            label="等级"
          />
          <View className="staff-form__label">提交时间</View>
          <StaffChips options={DATE_CHOICES} value={filter.date} onChange={(date) => set({ date })} testId="filter-date" label="提交时间" />
          <View className="staff-form__buttons">
            <BigButton kind="secondary" onClick={() => setFilter({ ...EMPTY_FILTER })} testId="filter-clear">
              清除筛选
            </BigButton>
            <BigButton onClick={() => setPanel(false)} testId="filter-done">
              完成
            </BigButton>
          </View>
        </View>
      ) : null}

      <ErrorLine message={list.error} onRetry={() => void load(list.items.length > 0)} />
      {list.loading && !list.loaded ? <Loading /> : null}
      {list.loaded && list.items.length === 0 ? <EmptyState icon="folder-open" title="没有符合条件的案件" /> : null}
      {selecting ? (
        <BulkBar
          selected={selected}
          members={members}
          onDone={() => {
            setPicked([]);
            void load(false);
          }}
        />
      ) : null}
      <View data-testid="admin-case-list">
        {list.items.map((c) =>
          selecting ? (
            <View
              key={c.id}
              className={`admin-cases__pick ${picked.includes(c.id) ? 'admin-cases__pick--on' : ''}`}
              data-testid="case-pick"
              data-case-id={c.id}
              data-picked={picked.includes(c.id) ? '1' : '0'}
            >
              <View className="admin-cases__pick-box" onClick={() => toggle(c.id)} data-testid="case-pick-box" {...pick(c)}>
                {picked.includes(c.id) ? '已选' : '选择'}
              </View>
              <StaffTaskCard item={c} now={now} showHolder channelName={c.channelName} onOpen={() => toggle(c.id)} openAs={pick(c)} />
            </View>
          ) : (
            <StaffTaskCard
              key={c.id}
              item={c}
              now={now}
              showHolder
              channelName={c.channelName}
              onOpen={() => void Taro.navigateTo({ url: STAFF_ROUTES.adminCase(c.id) })}
            />
          ),
        )}
      </View>
      {list.nextCursor ? (
        <BigButton kind="plain" disabled={list.loading} onClick={() => void load(true)} testId="load-more">
          {list.loading ? '正在加载…' : `加载更多（已显示 ${list.items.length}${total !== undefined ? ` / ${total}` : ''}）`}
        </BigButton>
      ) : null}
      {list.loaded && !list.nextCursor && list.items.length > 0 ? <View className="admin-cases__end">没有更多了</View> : null}
    </PageShell>
  );
}

import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffTaskCard } from '../../components/staff-task-card';
import { StaffEntries, StaffEntry, StaffNote, StaffTag, StaffTile, StaffTiles } from '../../components/staff-ui';
import { adminApi, type Dashboard } from '../../services/admin-api';
import { errorMessage } from '../../services/api-error';
import { careApi, type CareMine } from '../../services/care-api';
import { rectificationApi } from '../../services/rectification-api';
import { memberApi, type MyGroup, type StaffCaseCard } from '../../services/member-api';
import { needsPersona, sessionStore } from '../../state/session';
import { staffProfileStore, useStaffProfile } from '../../state/staff-profile';
import { useStore } from '../../state/use-store';
import { accessOf, workTabLabel, type StaffAccess } from '../../utils/staff-access';
import { filterToParams, EMPTY_FILTER } from '../../utils/staff-case-filter';
import { sortByUrgency, urgencyOf } from '../../utils/staff-deadline';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import { prefetchTaskTemplates, requestTaskSubscription } from '../../utils/staff-subscribe';
import { useRemote } from '../../utils/use-remote';
import { RectifyTile } from './rectify-tile';
import './index.scss';
import { Icon } from '../../components/icon';

const go = (url: string) => void Taro.navigateTo({ url });
/** Tasks shown on 工作台 before 「查看全部任务」. */
const DESK_SHOWN = 8;

/** 工作台 (five-role members) and 管理 (community, street, departments), by the user's roles. */
export default function WorkPage() {
  const session = useStore(sessionStore);
  const ready = !needsPersona(session);
  const { profile, loading, error } = useStaffProfile();
  const access = accessOf(profile);
  const label = workTabLabel(profile);
  // Each desk reloads when the page is shown again (back from a task or a case).
  const [shownAt, setShownAt] = useState(0);
  const first = useRef(true);

  useEffect(() => {
    if (label) void Taro.setNavigationBarTitle({ title: label }).catch(() => undefined);
  }, [label]);
  useDidShow(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void staffProfileStore.reload();
    setShownAt(Date.now());
  });
  usePullDownRefresh(() => {
    void staffProfileStore.reload().finally(() => {
      setShownAt(Date.now());
      Taro.stopPullDownRefresh();
    });
  });

  return (
    <PageShell className="work" testId="page-work">
      <ErrorLine message={error} onRetry={() => void staffProfileStore.reload()} />
      {ready && loading && !profile ? <Loading /> : null}
      {profile && !access.member && !access.admin ? <NoRole /> : null}
      {access.member ? <MemberDesk refreshKey={shownAt} /> : null}
      {access.admin ? <AdminDesk access={access} refreshKey={shownAt} /> : null}
    </PageShell>
  );
}

function NoRole() {
  return (
    <View data-testid="work-no-role">
      <EmptyState icon="id-card" title="您还没有工作身份">
        五员共治小组成员请输入社区提供的邀请码，绑定后这里会显示您的任务。
      </EmptyState>
      <BigButton onClick={() => go(STAFF_ROUTES.bind())} testId="work-bind">
        输入邀请码
      </BigButton>
    </View>
  );
}

// ——— the member's desk ———

interface MemberData {
  group: MyGroup;
  /** 走访关爱: people due or overdue for a visit; absent when it could not be read (the desk still shows). */
  care?: CareMine;
  assigned: StaffCaseCard[];
  processing: StaffCaseCard[];
  moreAssigned: boolean;
}

const loadMember = async (): Promise<MemberData> => {
  const [group, assigned, processing, care] = await Promise.all([
    memberApi.myGroup(),
    memberApi.listTasks('assigned', undefined, 50),
    memberApi.listTasks('processing', undefined, 50),
    careApi.mine().catch(() => undefined),
  ]);
  return {
    group,
    assigned: assigned.items,
    processing: processing.items,
    moreAssigned: Boolean(assigned.nextCursor || processing.nextCursor),
    care,
  };
};

function MemberDesk({ refreshKey }: { refreshKey: number }) {
  const data = useRemote(loadMember, true);
  const [duty, setDuty] = useState<boolean>();
  const [dutyBusy, setDutyBusy] = useState(false);
  const [accepting, setAccepting] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const now = new Date();

  useEffect(() => {
    void prefetchTaskTemplates();
  }, []);
  useEffect(() => {
    if (refreshKey) void data.reload();
  }, [refreshKey]);

  const me = data.data?.group.me;
  const onDuty = duty ?? me?.onDuty ?? true;

  const switchDuty = async (next: boolean) => {
    if (dutyBusy || next === onDuty) return;
    setDutyBusy(true);
    setActionError(undefined);
    try {
      await memberApi.setOnDuty(next, me?.memberId);
      setDuty(next);
      Taro.showToast({ title: next ? '已在岗，可接新任务' : '已休息，暂停派新任务', icon: 'none' });
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setDutyBusy(false);
    }
  };

  const accept = async (caseId: string) => {
    if (accepting) return;
    setAccepting(caseId);
    setActionError(undefined);
    try {
      await memberApi.acceptCase(caseId);
      Taro.showToast({ title: '已受理', icon: 'success' });
      await data.reload();
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setAccepting(undefined);
    }
  };

  const openTasks = (tab: string) => {
    // A natural tap: WeChat shows its subscribe dialog only from one; leave once it is answered.
    requestTaskSubscription(() => go(STAFF_ROUTES.tasks(tab)));
  };

  const assigned = sortByUrgency(data.data?.assigned ?? [], now);
  const processing = data.data?.processing ?? [];
  const care = data.data?.care;
  const late = [...assigned, ...processing].filter((c) => urgencyOf(c, now) === 'overdue').length;
  // 待受理 and 处理中 in one list, the least time left first (a reworked task stays here, marked 回炉).
  const desk = sortByUrgency([...assigned, ...processing], now);

  return (
    <View data-testid="member-desk">
      <ErrorLine message={data.error} onRetry={() => void data.reload()} />
      {data.loading && !data.data ? <Loading /> : null}
      {me ? (
        <View className="card work__me" data-testid="member-me">
          <View className="work__me-head">
            <View>
              <View className="work__me-role">{me.roleName}</View>
              <View className="work__me-place">
                {me.communityName} {me.gridName}
              </View>
            </View>
            <StaffTag tone={onDuty ? 'green' : 'grey'} testId="duty-state">
              {onDuty ? '在岗' : '休息'}
            </StaffTag>
          </View>
          <View className="work__me-duties">{me.duties}</View>
          <View className="work__duty" data-testid="duty-switch">
            <View
              className={`work__duty-option ${onDuty ? 'work__duty-option--on' : ''}`}
              onClick={() => void switchDuty(true)}
              data-testid="duty-on"
            >
              在岗
            </View>
            <View
              className={`work__duty-option ${!onDuty ? 'work__duty-option--off' : ''}`}
              onClick={() => void switchDuty(false)}
              data-testid="duty-off"
            >
              休息
            </View>
          </View>
          {!onDuty ? <View className="work__duty-note">休息时不会派给您新任务，已有任务仍需办理。</View> : null}
        </View>
      ) : null}
      <ErrorLine message={actionError} testId="member-action-error" />

      {data.data ? (
        <StaffTiles>
          <StaffTile
            label="待受理"
            value={assigned.length}
            alert={assigned.length > 0}
            onClick={() => openTasks('assigned')}
            testId="tile-assigned"
          />
          <StaffTile label="处理中" value={processing.length} onClick={() => openTasks('processing')} testId="tile-processing" />
          <StaffTile label="已超时" value={late} alert={late > 0} onClick={() => openTasks('assigned')} testId="tile-late" />
        </StaffTiles>
      ) : null}

      <StaffEntries>
        <StaffEntry icon="clipboard-list" label="我的任务" onClick={() => openTasks('assigned')} testId="entry-tasks" />
        <StaffEntry icon="search" label="巡查上报" onClick={() => go(STAFF_ROUTES.patrol('report'))} testId="entry-patrol" />
        <StaffEntry icon="circle-check" label="当场办结" onClick={() => go(STAFF_ROUTES.patrol('spot'))} testId="entry-spot" />
        <StaffEntry icon="users" label="我的小组" onClick={() => go(STAFF_ROUTES.group)} testId="entry-group" />
        <StaffEntry
          icon="house"
          label="走访关爱"
          onClick={() => go(STAFF_ROUTES.visit())}
          testId="entry-visits"
          badge={care && care.overdue + care.due > 0 ? care.overdue + care.due : undefined}
        />
        <StaffEntry icon="contact" label="公示牌信息" onClick={() => go(STAFF_ROUTES.profile)} testId="entry-profile" />
        <StaffEntry icon="notebook-pen" label="代登记" onClick={() => go(STAFF_ROUTES.intake('file'))} testId="entry-intake" />
        <StaffEntry icon="phone" label="电话回访" onClick={() => go(STAFF_ROUTES.intake('callback'))} testId="entry-callback" />
        <StaffEntry icon="megaphone" label="院坝会" onClick={() => go(STAFF_ROUTES.meetings)} testId="entry-meetings" />
      </StaffEntries>
      {care && care.overdue + care.due > 0 ? (
        <StaffNote tone={care.overdue > 0 ? 'red' : 'grey'} testId="desk-care">
          走访关爱：{care.overdue > 0 ? `已逾期 ${care.overdue} 人，` : ''}
          {care.due > 0 ? `近7天待走访 ${care.due} 人，` : ''}
          点「走访关爱」查看
        </StaffNote>
      ) : null}

      {data.data ? (
        <View>
          <SectionTitle>我的任务 · 剩余时间少的在前</SectionTitle>
          {desk.length === 0 ? <StaffNote>没有待受理或处理中的任务。新任务会通过消息通知您。</StaffNote> : null}
          <View data-testid="desk-assigned">
            {desk.slice(0, DESK_SHOWN).map((c) => (
              <StaffTaskCard
                key={c.id}
                item={c}
                now={now}
                onOpen={() => go(STAFF_ROUTES.task(c.id))}
                quickAccept={{ accepting, onAccept: (id) => void accept(id) }}
              />
            ))}
          </View>
          {desk.length > DESK_SHOWN || data.data.moreAssigned ? (
            <BigButton kind="plain" onClick={() => openTasks('assigned')}>
              查看全部任务 ›
            </BigButton>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

// ——— the admin's desk ———

type QueueKey = keyof Dashboard['queues'];

const QUEUE_TITLES: Record<QueueKey, string> = {
  pending: '待派单',
  overdue: '已超时',
  escalated: '吹哨待处理',
  lowRatings: '回炉整改（居民不满意）',
  supervised: '督办',
};

function AdminDesk({ access, refreshKey }: { access: StaffAccess; refreshKey: number }) {
  const dash = useRemote(() => adminApi.dashboard(), true);
  const reviews = access.communityAdmin || access.streetAdmin;
  const review = useRemote(() => adminApi.reviewCount(), reviews);
  const tasks = useRemote(() => rectificationApi.list('open'), reviews);
  const now = new Date();
  useEffect(() => {
    if (refreshKey) {
      void dash.reload();
      if (reviews) void review.reload();
      if (reviews) void tasks.reload();
    }
  }, [refreshKey]);

  const d = dash.data;
  const cases = (params: Partial<typeof EMPTY_FILTER>) => go(STAFF_ROUTES.adminCases(filterToParams({ ...EMPTY_FILTER, ...params })));
  const scrollTo = (k: QueueKey) => void Taro.pageScrollTo({ selector: `#queue-${k}`, duration: 200 }).catch(() => undefined);
  const escalatedLabel = d?.scope.level === 'department' ? '待处置' : d?.scope.level === 'street' ? '待街道决定' : '吹哨';
  const queues: QueueKey[] =
    d?.scope.level === 'department' ? ['escalated', 'overdue'] : ['pending', 'escalated', 'overdue', 'lowRatings', 'supervised'];

  return (
    <View data-testid="admin-desk">
      <ErrorLine message={dash.error} onRetry={() => void dash.reload()} />
      {dash.loading && !d ? <Loading /> : null}
      {d ? (
        <View>
          <View className="work__scope" data-testid="admin-scope">
            <Text className="work__scope-name">{d.scope.name}</Text>
            <Text className="work__scope-level">
              {d.scope.level === 'street' ? '街道管理' : d.scope.level === 'department' ? '职能部门' : '社区管理'}
            </Text>
          </View>
          {d.calendarWarning ? (
            <View onClick={() => go(STAFF_ROUTES.config)} data-testid="calendar-warning">
              <StaffNote tone="red">
                <Icon name="triangle-alert" tone="danger" />
                {d.calendarWarning}（点此前往导入）
              </StaffNote>
            </View>
          ) : null}
          <StaffTiles>
            <StaffTile
              label="今日新增"
              value={d.counts.todayNew}
              onClick={() => cases({ status: 'all', date: 'today' })}
              testId="tile-today"
            />
            {d.scope.level !== 'department' ? (
              <StaffTile
                label="待派单"
                value={d.counts.pending}
                alert={d.counts.pending > 0}
                onClick={() => cases({ status: 'pending' })}
                testId="tile-pending"
              />
            ) : null}
            <StaffTile
              label="已超时"
              value={d.counts.overdue}
              alert={d.counts.overdue > 0}
              onClick={() => cases({ status: 'open', overdue: true })}
              testId="tile-overdue"
            />
            <StaffTile
              label={escalatedLabel}
              value={d.counts.escalated}
              alert={d.counts.escalated > 0}
              onClick={() => scrollTo('escalated')}
              testId="tile-escalated"
            />
            {d.scope.level !== 'department' ? (
              <>
                <StaffTile label="回炉整改" value={d.counts.lowRatings} onClick={() => scrollTo('lowRatings')} testId="tile-low-ratings" />
                <StaffTile label="督办" value={d.counts.supervised} onClick={() => scrollTo('supervised')} testId="tile-supervised" />
              </>
            ) : null}
            {reviews && review.data ? (
              <StaffTile
                label="内容待审核"
                value={review.data.texts}
                hint={`${review.data.cases}${review.data.more ? '+' : ''} 件诉求`}
                alert={review.data.texts > 0}
                unit="条"
                onClick={() => go(STAFF_ROUTES.review)}
                testId="tile-review"
              />
            ) : null}
            {reviews && tasks.data && tasks.data.open > 0 ? <RectifyTile items={tasks.data.items} /> : null}
          </StaffTiles>

          <StaffEntries>
            <StaffEntry
              icon="folder-open"
              label={access.department && !access.communityAdmin && !access.streetAdmin ? '派给本部门' : '案件'}
              onClick={() => cases({ status: 'open' })}
              testId="entry-cases"
            />
            {access.streetAdmin ? (
              <StaffEntry icon="building" label="各社区" onClick={() => go(STAFF_ROUTES.communities)} testId="entry-communities" />
            ) : null}
            {access.communityAdmin || access.streetAdmin ? (
              <>
                <StaffEntry icon="file-check" label="公开审核" onClick={() => go(STAFF_ROUTES.review)} testId="entry-review" />
                <StaffEntry icon="network" label="网格与人员" onClick={() => go(STAFF_ROUTES.org())} testId="entry-org" />
                <StaffEntry icon="landmark" label="职能部门" onClick={() => go(STAFF_ROUTES.departments)} testId="entry-departments" />
                <StaffEntry icon="chart-column" label="考核" onClick={() => go(STAFF_ROUTES.stats())} testId="entry-stats" />
                <StaffEntry
                  icon="clipboard-list"
                  label="整改任务"
                  onClick={() => go(STAFF_ROUTES.rectify)}
                  testId="entry-rectify"
                  badge={tasks.data && tasks.data.open > 0 ? tasks.data.open : undefined}
                />
                <StaffEntry icon="newspaper" label="周报" onClick={() => go(STAFF_ROUTES.weekly)} testId="entry-weekly" />
                <StaffEntry icon="settings" label="配置" onClick={() => go(STAFF_ROUTES.config)} testId="entry-config" />
                <StaffEntry icon="house" label="走访关爱" onClick={() => go(STAFF_ROUTES.care())} testId="entry-care" />
                <StaffEntry icon="handshake" label="民生微实事" onClick={() => go(STAFF_ROUTES.projects())} testId="entry-projects" />
                <StaffEntry icon="smile" label="满意度测评" onClick={() => go(STAFF_ROUTES.survey())} testId="entry-survey" />
                <StaffEntry icon="contact" label="公示审核" onClick={() => go(STAFF_ROUTES.profiles)} testId="entry-profiles" />
                <StaffEntry icon="notebook-pen" label="代登记" onClick={() => go(STAFF_ROUTES.intake('file'))} testId="entry-intake" />
                <StaffEntry icon="phone" label="电话回访" onClick={() => go(STAFF_ROUTES.intake('callback'))} testId="entry-callback" />
                <StaffEntry icon="folder-open" label="12345工单" onClick={() => go(STAFF_ROUTES.hotline)} testId="entry-hotline" />
                <StaffEntry icon="megaphone" label="院坝会" onClick={() => go(STAFF_ROUTES.meetings)} testId="entry-meetings" />
              </>
            ) : null}
          </StaffEntries>

          {queues.map((k) => (
            <View key={k} id={`queue-${k}`} data-testid={`queue-${k}`}>
              <SectionTitle
                extra={
                  k === 'pending' || k === 'overdue' ? (
                    <View
                      className="work__more"
                      onClick={() => cases(k === 'pending' ? { status: 'pending' } : { status: 'open', overdue: true })}
                    >
                      全部 ›
                    </View>
                  ) : null
                }
              >
                {k === 'escalated' ? escalatedLabel : QUEUE_TITLES[k]}（{d.counts[k === 'escalated' ? 'escalated' : k]}）
              </SectionTitle>
              {d.queues[k].length === 0 ? <StaffNote>暂无</StaffNote> : null}
              {d.queues[k].map((c) => (
                <StaffTaskCard key={c.id} item={c} now={now} showHolder onOpen={() => go(STAFF_ROUTES.adminCase(c.id))} />
              ))}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

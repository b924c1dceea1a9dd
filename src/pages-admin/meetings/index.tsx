import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { ChipMultiSelect } from '../../components/chip-multi-select';
import { LabelledInput, LabelledTextarea } from '../../components/labelled-field';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffChips, StaffNote, StaffRow, StaffTag } from '../../components/staff-ui';
import { SubmitButton } from '../../components/submit-button';
import { useSubmit } from '../../hooks/use-submit';
import { callFunction } from '../../services/cloud';
import { residentApi } from '../../services/resident-api';
import { meetingsApi, type FileIssue, type MeetingDetail, type MeetingKind } from '../../services/meetings-api';
import { useSignedIn, useStaffProfile } from '../../state/staff-profile';
import { accessOf } from '../../utils/staff-access';
import { chinaDate } from '../../utils/staff-case-filter';
import { newRequestId, textProblem } from '../../utils/staff-form';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import { useRemote } from '../../utils/use-remote';
import { extraProblem, IssueExtras, type IssueExtra } from './issue-extras';
import { MeetingLedgerExport } from './ledger-export';
import './index.scss';

/** `community` stands for a community-wide meeting in the grid chips and the list filter. */
const WIDE = 'community';

/**
 * 院坝会 / 议事日: the community's meetings by month and grid, a form to record one (kind, date,
 * grid or community-wide, place, topic, attendance, roles present, decisions, issues raised), and a
 * record (`?id=`) whose issues become cases with channel 院坝会 — one tap each, or all at once.
 * Staff only: the board shows counts.
 */
export default function MeetingsPage() {
  const id = useRouter().params.id;
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '会议记录' : '院坝会' }).catch(() => undefined);
  }, [id]);
  return (
    <PageShell className="meetings" testId={id ? 'page-meeting' : 'page-meetings'}>
      {id ? <MeetingRecord id={id} /> : <MeetingList />}
    </PageShell>
  );
}

function MeetingList() {
  const signedIn = useSignedIn();
  const access = accessOf(useStaffProfile().profile);
  const ledgerAllowed = access.communityAdmin || access.streetAdmin;
  const [month, setMonth] = useState<string>(() => chinaDate(new Date()).slice(0, 7));
  const [gridFilter, setGridFilter] = useState<string>('');
  const list = useRemote(
    () => meetingsApi.list({ month: month || undefined, gridId: gridFilter || undefined }),
    signedIn,
    `${month}|${gridFilter}`,
  );
  const [adding, setAdding] = useState(false);
  const data = list.data;
  const months = recentMonths(chinaDate(new Date()), 6);
  return (
    <View>
      <ErrorLine message={list.error} onRetry={() => void list.reload()} />
      {list.loading && !data ? <Loading /> : null}
      {data ? (
        <View>
          <StaffNote>会议记录仅本社区五员共治小组成员和社区、街道管理员可见；公示栏只显示会议场次和问题办结数。</StaffNote>
          {adding ? (
            <MeetingForm
              data={data}
              onCancel={() => setAdding(false)}
              onSaved={(meetingId) => void Taro.navigateTo({ url: STAFF_ROUTES.meeting(meetingId) })}
            />
          ) : (
            <BigButton onClick={() => setAdding(true)} testId="meetings-add">
              ＋ 登记院坝会 / 议事日
            </BigButton>
          )}
          <SectionTitle>筛选</SectionTitle>
          <StaffChips
            options={[{ value: '', label: '全部月份' }, ...months.map((m) => ({ value: m, label: m }))]}
            value={month}
            onChange={setMonth}
            testId="meetings-month"
            scroll
          />
          <StaffChips
            options={[
              { value: '', label: '全部网格' },
              { value: WIDE, label: '全社区' },
              ...data.grids.map((g) => ({ value: g.id, label: g.name })),
            ]}
            value={gridFilter}
            onChange={setGridFilter}
            testId="meetings-grid-filter"
            scroll
          />
          {ledgerAllowed ? <MeetingLedgerExport /> : null}
          <SectionTitle>会议（{data.items.length} 场）</SectionTitle>
          {data.items.length === 0 ? <EmptyState title="这段时间还没有会议记录" /> : null}
          {data.items.map((m) => (
            <View
              key={m.id}
              className="card meetings__row"
              onClick={() => void Taro.navigateTo({ url: STAFF_ROUTES.meeting(m.id) })}
              data-testid="meeting-row"
            >
              <View className="meetings__head">
                <Text className="meetings__topic">{m.topic}</Text>
                <StaffTag tone="blue">{m.kindName}</StaffTag>
              </View>
              <View className="meetings__meta">
                {m.heldOn} · {m.gridName} · {m.place} · {m.attendance} 人参会
              </View>
              <View className="meetings__meta" data-testid="meeting-row-issues">
                群众反映 {m.issueCount} 条，已登记诉求 {m.filedCount} 件
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** The last `n` months, newest first ('2026-12', '2026-11', …). */
function recentMonths(today: string, n: number): string[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) - i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

type ListData = NonNullable<Awaited<ReturnType<typeof meetingsApi.list>>>;

function MeetingForm({ data, onCancel, onSaved }: { data: ListData; onCancel: () => void; onSaved: (id: string) => void }) {
  const [kind, setKind] = useState<MeetingKind>('courtyard');
  const [heldOn, setHeldOn] = useState(() => chinaDate(new Date()));
  const [gridId, setGridId] = useState<string>();
  const [place, setPlace] = useState('');
  const [topic, setTopic] = useState('');
  const [attendance, setAttendance] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [decisions, setDecisions] = useState('');
  const [issues, setIssues] = useState<string[]>(['']);
  const [requestId] = useState(() => newRequestId());
  const submit = useSubmit();
  const onlyCommunity = data.communities.length === 1 ? data.communities[0] : undefined;

  const save = () => {
    const count = Number(attendance);
    const raised = issues.map((i) => i.trim()).filter(Boolean);
    const problem =
      (/^\d{4}-\d{2}-\d{2}$/.test(heldOn.trim()) ? undefined : '会议日期格式应为 2026-12-05') ??
      (gridId ? undefined : '请选择网格或全社区') ??
      (gridId === WIDE && !onlyCommunity ? '请选择具体网格' : undefined) ??
      textProblem(place, '会议地点', 60) ??
      textProblem(topic, '会议议题', 60) ??
      (Number.isInteger(count) && count >= 1 ? undefined : '请填写参会人数') ??
      (decisions.trim() || raised.length ? undefined : '请填写议定事项或群众反映的问题');
    return submit.run(
      () =>
        meetingsApi.record({
          requestId,
          ...(gridId === WIDE ? { communityId: onlyCommunity!.id } : { gridId: gridId! }),
          kind,
          heldOn: heldOn.trim(),
          place: place.trim(),
          topic: topic.trim(),
          attendance: count,
          rolesPresent: roles as NonNullable<Parameters<typeof meetingsApi.record>[0]['rolesPresent']>,
          ...(decisions.trim() ? { decisions: decisions.trim() } : {}),
          issues: raised.map((text) => ({ text })),
        }),
      {
        problem,
        done: (r) => {
          Taro.showToast({ title: '已登记会议', icon: 'none' });
          onSaved(r.meeting.id);
        },
      },
    );
  };

  return (
    <View className="card" data-testid="meeting-form">
      <SectionTitle>登记会议</SectionTitle>
      <StaffChips
        options={data.kinds.map((k) => ({ value: k.kind, label: k.name }))}
        value={kind}
        onChange={setKind}
        testId="meeting-kind"
      />
      <LabelledInput
        label="会议日期"
        required
        hint="如 2026-12-05"
        value={heldOn}
        maxlength={10}
        onChange={setHeldOn}
        testId="meeting-date"
      />
      <View className="staff-form__label">网格</View>
      <StaffChips
        options={[...(onlyCommunity ? [{ value: WIDE, label: '全社区' }] : []), ...data.grids.map((g) => ({ value: g.id, label: g.name }))]}
        value={gridId}
        onChange={setGridId}
        testId="meeting-grid"
      />
      <LabelledInput
        label="会议地点"
        required
        value={place}
        maxlength={60}
        placeholder="地点，如 3栋院坝"
        onChange={setPlace}
        testId="meeting-place"
      />
      <LabelledInput
        label="会议议题"
        required
        value={topic}
        maxlength={60}
        placeholder="议题，如 停车难"
        onChange={setTopic}
        testId="meeting-topic"
      />
      <LabelledInput
        label="参会人数"
        required
        type="number"
        value={attendance}
        maxlength={4}
        placeholder="参会人数"
        onChange={setAttendance}
        testId="meeting-attendance"
      />
      <View className="staff-form__label">出席的五员（选填）</View>
      <ChipMultiSelect
        options={data.roles.map((r) => ({ value: r.role, label: r.name }))}
        value={roles}
        onChange={setRoles}
        testId="meeting-roles"
        chipTestId="meeting-role-"
        label="出席的五员"
      />
      <LabelledTextarea
        label="议定事项"
        value={decisions}
        maxlength={1000}
        counter
        placeholder="会上商定的事，谁来办、何时办"
        onChange={setDecisions}
        testId="meeting-decisions"
      />
      <View className="staff-form__label">群众反映的问题（每条可登记为一件诉求）</View>
      {issues.map((text, i) => (
        <LabelledInput
          key={i}
          label={`问题 ${i + 1}`}
          value={text}
          maxlength={300}
          placeholder={`问题 ${i + 1}`}
          onChange={(v) => setIssues(issues.map((x, j) => (j === i ? v : x)))}
          testId={`meeting-issue-${i}`}
        />
      ))}
      {issues.length < 10 ? (
        <BigButton kind="plain" onClick={() => setIssues([...issues, ''])} testId="meeting-add-issue">
          ＋ 再加一条问题
        </BigButton>
      ) : null}
      <SubmitButton submit={submit} onClick={() => void save()} busyText="正在保存…" testId="meeting-save" errorTestId="meeting-error">
        保存会议记录
      </SubmitButton>
      <BigButton kind="plain" onClick={onCancel}>
        取消
      </BigButton>
    </View>
  );
}

interface FormCategory {
  id: string;
  name: string;
}

function MeetingRecord({ id }: { id: string }) {
  const signedIn = useSignedIn();
  const { profile } = useStaffProfile();
  const access = accessOf(profile);
  const admin = access.communityAdmin || access.streetAdmin;
  const remote = useRemote(async () => {
    const [meeting, categories, list, places] = await Promise.all([
      meetingsApi.detail(id),
      callFunction<{ items: FormCategory[] }>('resident', { action: 'listCategories' }),
      meetingsApi.list({}),
      residentApi.listPlaces(),
    ]);
    return { meeting, categories: categories.items, grids: list.grids, places: places.communities };
  }, signedIn);
  const [meeting, setMeeting] = useState<MeetingDetail>();
  const [chosen, setChosen] = useState<Record<number, string>>({});
  const [gridId, setGridId] = useState<string>();
  const [extras, setExtras] = useState<Record<number, IssueExtra>>({});
  const filing = useSubmit();
  const m = meeting ?? remote.data?.meeting;
  // The buildings of the meeting's grid (or, for a community-wide one, of the grid picked for its issues).
  const issueGrid = m?.gridId ?? gridId;
  const buildings = (remote.data?.places ?? []).flatMap((c) => c.grids).find((g) => g.id === issueGrid)?.buildings ?? [];

  const file = (indexes: number[]) => {
    if (!m) return;
    const missing = indexes.find((i) => !chosen[i]);
    const problem =
      (missing !== undefined ? `第${missing + 1}条问题：请选择问题类别` : undefined) ??
      (!m.gridId && !gridId ? '全社区会议的问题请先选择所在网格' : undefined) ??
      indexes.map((i) => extraProblem(i, extras[i])).find(Boolean);
    return filing.run(
      async () => {
        const issues: FileIssue[] = indexes.map((index) => {
          const extra = extras[index];
          const buildingId = buildings.some((b) => b.id === extra?.buildingId) ? extra!.buildingId : undefined;
          const phone = extra?.phone.trim();
          return {
            index,
            categoryId: chosen[index]!,
            ...(buildingId ? { buildingId } : m.gridId ? {} : { gridId }),
            ...(phone ? { contactPhone: phone } : {}),
          };
        });
        const r = await meetingsApi.fileIssues(m.id, issues);
        setMeeting(r.meeting);
        Taro.showToast({ title: `已登记 ${r.filed.length} 件诉求`, icon: 'none' });
      },
      { problem },
    );
  };

  if (!m) {
    return (
      <View>
        <ErrorLine message={remote.error} onRetry={() => void remote.reload()} />
        {remote.loading ? <Loading /> : null}
      </View>
    );
  }
  const open = m.issues.filter((i) => !i.caseId).map((i) => i.index);
  const categories = remote.data?.categories ?? [];
  const grids = (remote.data?.grids ?? []).filter((g) => g.communityId === m.communityId);
  return (
    <View data-testid="meeting-detail">
      <View className="card">
        <View className="meetings__head">
          <Text className="meetings__topic">{m.topic}</Text>
          <StaffTag tone="blue">{m.kindName}</StaffTag>
        </View>
        <StaffRow label="日期">{m.heldOn}</StaffRow>
        <StaffRow label="范围">{`${m.communityName} ${m.gridName}`}</StaffRow>
        <StaffRow label="地点">{m.place}</StaffRow>
        <StaffRow
          label="参会"
          testId="meeting-attendance-row"
        >{`${m.attendance} 人${m.rolesPresent.length ? `，${m.rolesPresent.map((r) => r.name).join('、')}出席` : ''}`}</StaffRow>
        {m.decisions ? <StaffRow label="议定事项">{m.decisions}</StaffRow> : null}
        <StaffRow label="记录人">{m.recordedBy}</StaffRow>
      </View>
      <SectionTitle>群众反映的问题（{m.issues.length} 条）</SectionTitle>
      {m.issues.length === 0 ? <EmptyState title="这次会议没有登记问题" /> : null}
      {!m.gridId && open.length ? (
        <View>
          <View className="staff-form__label">问题所在网格</View>
          <StaffChips
            options={grids.map((g) => ({ value: g.id, label: g.name }))}
            value={gridId}
            onChange={setGridId}
            testId="meeting-issue-grid"
          />
        </View>
      ) : null}
      {m.issues.map((i) => (
        <View key={i.index} className="card" data-testid="meeting-issue-row" data-filed={i.caseId ? 'yes' : 'no'}>
          <View className="meetings__issue">{`${i.index + 1}. ${i.text}`}</View>
          {i.raisedBy ? (
            <StaffRow label="反映人" testId="meeting-issue-raiser">
              {i.raisedBy}
            </StaffRow>
          ) : null}
          {i.caseId ? (
            <StaffRow
              label="诉求"
              testId="meeting-issue-case"
              onTap={admin ? () => void Taro.navigateTo({ url: STAFF_ROUTES.adminCase(i.caseId!) }) : undefined}
            >
              {`${i.caseNo ?? i.caseId} · ${i.categoryName ?? ''} · ${i.statusName ?? ''}`}
            </StaffRow>
          ) : (
            <View>
              <StaffChips
                options={categories.map((c) => ({ value: c.id, label: c.name }))}
                value={chosen[i.index]}
                onChange={(c) => setChosen({ ...chosen, [i.index]: c })}
                testId={`meeting-issue-category-${i.index}`}
                scroll
              />
              <IssueExtras
                index={i.index}
                buildings={buildings}
                extra={extras[i.index]}
                onChange={(x) => setExtras({ ...extras, [i.index]: x })}
              />
              <BigButton kind="secondary" onClick={() => void file([i.index])} disabled={filing.busy} testId={`meeting-file-${i.index}`}>
                登记为诉求
              </BigButton>
            </View>
          )}
        </View>
      ))}
      <ErrorLine message={filing.error} testId="meeting-file-error" />
      {open.length > 1 ? (
        <SubmitButton submit={filing} onClick={() => void file(open)} busyText="正在登记…" testId="meeting-file-all">
          {`全部登记为诉求（${open.length} 条）`}
        </SubmitButton>
      ) : null}
    </View>
  );
}

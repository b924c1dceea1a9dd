import { useEffect, useMemo, useState } from 'react';
import { View } from '@tarojs/components';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffChips, StaffNote, StaffTile, StaffTiles } from '../../components/staff-ui';
import { SubmitButton } from '../../components/submit-button';
import { useSubmit } from '../../hooks/use-submit';
import { rectificationApi, type OpenRectificationsResult } from '../../services/rectification-api';
import { useSignedIn, useStaffProfile } from '../../state/staff-profile';
import { accessOf } from '../../utils/staff-access';
import { periodLabel, previousPeriod, recentPeriods } from '../../utils/staff-period';
import { useChange } from '../../utils/use-change';
import { useRemote } from '../../utils/use-remote';
import { TaskCard } from './task-card';
import './index.scss';

type Show = 'open' | 'closed';

/**
 * 整改任务: the 80 % rule's work. A community admin sees their community's tasks, writes and submits
 * the 整改报告; the street sees every task of the street with its state and report, and may open a
 * quarter's tasks by hand (the timer opens the last quarter's seven days into the next).
 */
export default function RectifyPage() {
  const access = accessOf(useStaffProfile().profile);
  const signedIn = useSignedIn();
  const list = useRemote(() => rectificationApi.list(), false);
  const change = useChange(list.reload);
  const [show, setShow] = useState<Show>('open');
  useEffect(() => {
    if (signedIn) void list.reload();
  }, [signedIn]);

  const items = list.data?.items ?? [];
  const now = new Date();
  const open = items.filter((t) => t.status === 'open');
  const late = open.filter((t) => t.late).length;
  const shown = items.filter((t) => t.status === show);

  return (
    <PageShell className="rectify" testId="page-rectify">
      <StaffNote>
        季度满意率低于80%（已评价不少于5件）的网格、社区和类别须回炉整改：在期限内提交整改报告，写明原因、措施和成效。公示栏只公示「整改中 /
        已整改」，不公开报告内容。
      </StaffNote>
      <ErrorLine message={list.error ?? change.error} onRetry={list.error ? () => void list.reload() : undefined} testId="rectify-error" />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <StaffTiles>
          <StaffTile
            label="整改中"
            value={open.length}
            alert={open.length > 0}
            unit="项"
            onClick={() => setShow('open')}
            testId="rectify-count-open"
          />
          <StaffTile label="已逾期" value={late} alert={late > 0} unit="项" onClick={() => setShow('open')} testId="rectify-count-late" />
          <StaffTile
            label="已整改"
            value={items.length - open.length}
            unit="项"
            onClick={() => setShow('closed')}
            testId="rectify-count-closed"
          />
        </StaffTiles>
      ) : null}
      {access.streetAdmin ? <OpenQuarter reload={list.reload} /> : null}
      <StaffChips
        options={[
          { value: 'open', label: '整改中' },
          { value: 'closed', label: '已整改' },
        ]}
        value={show}
        onChange={setShow}
        label="查看整改中还是已整改"
        testId="rectify-show"
      />
      <View data-testid="rectify-list">
        {list.data && shown.length === 0 ? (
          <EmptyState icon="inbox" title={show === 'open' ? '没有待整改的任务' : '还没有已整改的任务'} />
        ) : null}
        {shown.map((t) => (
          <TaskCard
            key={t.id}
            t={t}
            now={now}
            busy={change.busy}
            submit={(id, report) => change.run(() => rectificationApi.submitReport(id, report), '已提交整改报告')}
          />
        ))}
      </View>
    </PageShell>
  );
}

/** What opening a quarter did, in one sentence. */
function openedText(r: OpenRectificationsResult): string {
  return [
    `${periodLabel(r.period)}：新开整改任务${r.opened.length}项`,
    r.existing ? `，已有${r.existing}项` : '',
    r.tooFew ? `，${r.tooFew}个单位满意率偏低但已评价不足5件，暂不判定` : '',
    '。',
  ].join('');
}

/** The street opens a quarter's tasks by hand: every unit below 80 % over enough rated cases. */
function OpenQuarter({ reload }: { reload: () => Promise<void> }) {
  const quarters = useMemo(() => {
    const recent = recentPeriods(new Date(), 'quarter', 1)[0]!;
    return [previousPeriod(recent), recent];
  }, []);
  const [period, setPeriod] = useState(quarters[0]!);
  const opening = useSubmit();
  const [result, setResult] = useState<OpenRectificationsResult>();
  const run = () =>
    opening.run(async () => {
      setResult(undefined);
      setResult(await rectificationApi.open(period));
      await reload();
    });
  return (
    <View data-testid="rectify-open-quarter">
      <SectionTitle>判定季度满意率</SectionTitle>
      <StaffChips
        options={quarters.map((q) => ({ value: q, label: periodLabel(q) }))}
        value={period}
        onChange={setPeriod}
        testId="rectify-quarter"
        label="判定哪个季度"
      />
      <ErrorLine message={opening.error} testId="rectify-open-error" />
      {result ? (
        <StaffNote tone={result.opened.length ? 'red' : 'green'} testId="rectify-opened">
          {openedText(result)}
        </StaffNote>
      ) : null}
      <SubmitButton submit={opening} kind="secondary" onClick={() => void run()} busyText="正在判定…" testId="rectify-open">
        {`判定${periodLabel(period)}并开启整改任务`}
      </SubmitButton>
    </View>
  );
}

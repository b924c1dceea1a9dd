import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { LabelledTextarea } from '../../components/labelled-field';
import { ErrorLine } from '../../components/notice';
import { StaffRow, StaffTag } from '../../components/staff-ui';
import type { RectificationItem } from '../../services/rectification-api';
import { chinaDate } from '../../utils/staff-case-filter';
import { REPORT_MAX, reportProblem, timeLeft } from '../../utils/rectify';
import { percent, periodLabel } from '../../utils/staff-period';

/** One 整改任务: the unit, the quarter, the rate that opened it, the deadline; the report or its form. */
export function TaskCard({
  t,
  now,
  submit,
  busy,
}: {
  t: RectificationItem;
  now: Date;
  submit: (id: string, report: string) => Promise<boolean>;
  busy: boolean;
}) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const left = timeLeft(t.dueAt, now);
  const send = async () => {
    const p = reportProblem(text);
    setProblem(p);
    if (p) return;
    if (await submit(t.id, text.trim())) setText('');
  };
  return (
    <View className="card" data-testid={`rectify-task-${t.id}`}>
      <View className="rectify__head">
        <Text className="rectify__name">
          {t.unitKindName} · {t.unitName}
        </Text>
        <StaffTag tone={t.status === 'closed' ? 'green' : t.late ? 'red' : 'orange'} pill testId={`rectify-status-${t.id}`}>
          {t.statusName}
        </StaffTag>
      </View>
      <StaffRow label="考核季度">{periodLabel(t.period)}</StaffRow>
      <StaffRow label="满意率" testId={`rectify-rate-${t.id}`}>
        {percent(t.rate)}（已评价 {t.rated} 件，低于80%）
      </StaffRow>
      <StaffRow label="整改期限">
        {left.lastDay}
        {t.status === 'open' ? (
          <Text className={`rectify__left ${left.late ? 'rectify__left--late' : ''}`} data-testid={`rectify-left-${t.id}`}>
            {' '}
            {left.text}
          </Text>
        ) : null}
      </StaffRow>
      {t.report ? (
        <View>
          <View className="rectify__muted">整改报告（{chinaDate(new Date(t.report.at))} 提交）</View>
          <View className="rectify__report" data-testid={`rectify-report-text-${t.id}`}>
            {t.report.text}
          </View>
        </View>
      ) : null}
      {t.status === 'open' && t.mine ? (
        <View className="rectify__form">
          <LabelledTextarea
            label="整改报告"
            required
            value={text}
            maxlength={REPORT_MAX}
            counter
            placeholder="写明满意率偏低的原因、采取的整改措施和取得的成效（至少20字）。"
            onChange={(v) => {
              setText(v);
              setProblem(undefined);
            }}
            testId={`rectify-report-${t.id}`}
          />
          <ErrorLine message={problem} testId={`rectify-error-${t.id}`} />
          <BigButton onClick={() => void send()} disabled={busy} testId={`rectify-submit-${t.id}`}>
            {busy ? '正在提交…' : '提交整改报告'}
          </BigButton>
        </View>
      ) : null}
      {t.status === 'open' && !t.mine ? (
        <View className="rectify__muted">{`等待${t.communityId ? '社区' : '街道'}管理员提交整改报告`}</View>
      ) : null}
    </View>
  );
}

import { useState } from 'react';
import { View } from '@tarojs/components';
import { KEEP_NOTE_MAX, KEEP_REASONS, KEEP_REASON_NAMES, keepReasonProblem, type KeepReason } from '../../../core/suggestion-keep';
import { BigButton } from '../../components/big-button';
import { LabelledInput } from '../../components/labelled-field';
import { ErrorLine } from '../../components/notice';
import { StaffChips } from '../../components/staff-ui';

export interface KeepDecision {
  keepReason: KeepReason;
  keepNote?: string;
}

/**
 * 不公开 asks why: 含个人信息 / 与测评无关 / 不文明用语, or 其他 with words (at least four characters).
 * The same rule as the server's (core/suggestion-keep.ts); nothing is sent until it is met.
 */
export function KeepReasonForm({ busy, onKeep, onCancel }: { busy: boolean; onKeep: (d: KeepDecision) => void; onCancel: () => void }) {
  const [reason, setReason] = useState<KeepReason>();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string>();

  const confirm = () => {
    const wrong = keepReasonProblem(reason, note);
    if (wrong || !reason) return setProblem(wrong ?? '请选择不公开的原因');
    onKeep(reason === 'other' ? { keepReason: reason, keepNote: note.trim() } : { keepReason: reason });
  };

  return (
    <View data-testid="suggestion-keep-form">
      <View className="survey-admin__meta">不公开的原因（仅工作人员可见）</View>
      <StaffChips
        options={KEEP_REASONS.map((r) => ({ value: r, label: KEEP_REASON_NAMES[r] }))}
        value={reason}
        onChange={(r) => {
          setReason(r);
          setProblem(undefined);
        }}
        testId="suggestion-keep-reason"
      />
      {reason === 'other' ? (
        <LabelledInput
          label="其他原因"
          required
          value={note}
          maxlength={KEEP_NOTE_MAX}
          placeholder="请写明原因（至少4个字）"
          onChange={(v) => {
            setNote(v);
            setProblem(undefined);
          }}
          testId="suggestion-keep-note"
        />
      ) : null}
      <ErrorLine message={problem} testId="suggestion-keep-error" />
      <View className="survey-admin__row">
        <BigButton kind="secondary" onClick={confirm} disabled={busy} testId="suggestion-keep-confirm">
          确认不公开
        </BigButton>
        <BigButton kind="plain" onClick={onCancel}>
          取消
        </BigButton>
      </View>
    </View>
  );
}

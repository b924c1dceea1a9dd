import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { errorMessage } from '../../services/api-error';
import type { LedgerEntryInput, StaffLedger } from '../../services/member-api';
import { hazardPreview, ledgerView, MAX_FOLLOW_UP_NOTE } from '../../utils/staff-ledger';
import { BigButton } from '../big-button';
import { LabelledInput } from '../labelled-field';
import { ErrorLine } from '../notice';
import { StaffActionForm } from '../staff-action-form';
import { StaffChips, StaffNote, StaffRow, StaffTag } from '../staff-ui';
import './index.scss';
import { Icon } from '../icon';

interface StaffLedgerPanelProps {
  ledger: StaffLedger;
  /** Whether the caller may record entries now (the holder or an admin, in a status that allows it). */
  canRecord: boolean;
  record: (entry: LedgerEntryInput) => Promise<unknown>;
  /** After a saved entry: tell the person and reload the case. */
  onSaved: (message: string) => Promise<void>;
}

const RISKS = [
  { value: 'red', label: '标为红色（可能激化）' },
  { value: 'yellow', label: '标为黄色（持续关注）' },
] as const;

const FIXABLE = [
  { value: 'yes', label: '能当天整改' },
  { value: 'no', label: '不能当天整改' },
] as const;

/**
 * 台账 of a dispute (红黄绿, 化解, 回访) or a hazard (红橙蓝 from the venue's size and whether it
 * can be fixed today): where it stands, and the entries the handler or an admin may record.
 */
export function StaffLedgerPanel({ ledger, canRecord, record, onSaved }: StaffLedgerPanelProps) {
  const view = ledgerView(ledger);
  const [form, setForm] = useState<'hazard' | 'follow_up'>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const save = async (entry: LedgerEntryInput, message: string) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await record(entry);
      setForm(undefined);
      await onSaved(message);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const settle = async () => {
    const { confirm } = await Taro.showModal({
      title: '登记矛盾已化解',
      content: `登记后预警等级变为绿色，按规定回访：${ledger.kind === 'dispute' && ledger.major ? '重大矛盾每半月一次' : '一般矛盾每月一次'}。`,
      confirmText: '登记化解',
    });
    if (confirm) await save({ kind: 'settled' }, '已登记化解');
  };

  return (
    <View className="card staff-ledger" data-testid="ledger-panel" data-kind={ledger.kind}>
      <View className="staff-ledger__title">
        <Icon name="notebook-pen" tone="text" />
        {view.title}
      </View>
      {view.lines.map((line) => (
        <StaffRow key={line.key} label={line.label} testId={`ledger-line-${line.key}`}>
          {line.tone ? <StaffTag tone={line.tone}>{line.value}</StaffTag> : <Text>{line.value}</Text>}
        </StaffRow>
      ))}
      {view.alert ? (
        <StaffNote tone="red" testId="ledger-alert">
          <Icon name="alarm-clock" tone="danger" />
          {view.alert}
        </StaffNote>
      ) : null}
      <ErrorLine message={error} testId="ledger-error" />

      {canRecord && form === 'hazard' && ledger.kind === 'hazard' ? (
        <HazardForm
          ledger={ledger}
          busy={busy}
          onSave={(venueCapacity, fixableToday) => void save({ kind: 'hazard', venueCapacity, fixableToday }, '已登记隐患信息')}
          onCancel={() => {
            setError(undefined);
            setForm(undefined);
          }}
        />
      ) : null}

      {canRecord && form === 'follow_up' ? (
        <StaffActionForm
          title="登记回访"
          label="回访情况"
          placeholder="例如：上门回访，双方已和好，没有再发生争执。"
          max={MAX_FOLLOW_UP_NOTE}
          submitText="保存回访"
          onSubmit={async (note) => {
            await record({ kind: 'follow_up', note });
            setForm(undefined);
            await onSaved('已登记回访');
          }}
          onCancel={() => setForm(undefined)}
          testId="form-follow-up"
        />
      ) : null}

      {canRecord && !form ? (
        <View className="staff-ledger__actions">
          {view.can.hazard ? (
            <BigButton
              icon="pencil"
              kind="secondary"
              onClick={() => {
                setError(undefined);
                setForm('hazard');
              }}
              testId="ledger-hazard-open"
            >
              {ledger.kind === 'hazard' && ledger.venueCapacity !== undefined ? '修改场所信息' : '登记场所信息'}
            </BigButton>
          ) : null}
          {view.can.risk ? (
            <View>
              <View className="staff-form__label">风险等级</View>
              <StaffChips
                options={RISKS}
                value={ledger.kind === 'dispute' ? ledger.risk : undefined}
                onChange={(color) => {
                  if (busy || (ledger.kind === 'dispute' && ledger.risk === color)) return;
                  void save({ kind: 'dispute_risk', color }, color === 'red' ? '已标为红色' : '已标为黄色');
                }}
                testId="ledger-risk"
              />
            </View>
          ) : null}
          {view.can.settle ? (
            <BigButton icon="handshake" kind="secondary" disabled={busy} onClick={() => void settle()} testId="ledger-settle">
              登记已化解
            </BigButton>
          ) : null}
          {view.can.followUp ? (
            <BigButton
              icon="phone"
              disabled={busy}
              onClick={() => {
                setError(undefined);
                setForm('follow_up');
              }}
              testId="ledger-follow-up"
            >
              登记回访
            </BigButton>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

/** 场所大约容纳多少人 + 能否当天整改, with the colour it will get shown before saving. */
function HazardForm({
  ledger,
  busy,
  onSave,
  onCancel,
}: {
  ledger: Extract<StaffLedger, { kind: 'hazard' }>;
  busy: boolean;
  onSave: (venueCapacity: number, fixableToday: boolean) => void;
  onCancel: () => void;
}) {
  const [capacity, setCapacity] = useState(ledger.venueCapacity === undefined ? '' : String(ledger.venueCapacity));
  const [fixable, setFixable] = useState<'yes' | 'no' | undefined>(
    ledger.fixableToday === undefined ? undefined : ledger.fixableToday ? 'yes' : 'no',
  );
  const [problem, setProblem] = useState<string>();
  const preview = hazardPreview(capacity, fixable === undefined ? undefined : fixable === 'yes');

  const submit = () => {
    if ('problem' in preview) {
      setProblem(preview.problem);
      return;
    }
    setProblem(undefined);
    onSave(preview.venueCapacity, preview.fixableToday);
  };

  return (
    <View className="staff-ledger__form" data-testid="ledger-hazard-form">
      <LabelledInput
        label="场所大约容纳多少人"
        type="number"
        value={capacity}
        placeholder="例如：40"
        onChange={setCapacity}
        testId="ledger-capacity"
      />
      <View className="staff-form__label">能否当天整改</View>
      <StaffChips options={FIXABLE} value={fixable} onChange={setFixable} testId="ledger-fixable" />
      {'problem' in preview ? (
        <StaffNote testId="ledger-preview">红色：30人以上且不能当日整改；橙色：不到30人且不能当日整改；蓝色：能当日整改。</StaffNote>
      ) : (
        <View className={`staff-ledger__preview staff-ledger__preview--${preview.color}`} data-testid="ledger-preview">
          将标为 {preview.text}
        </View>
      )}
      <ErrorLine message={problem} testId="ledger-hazard-error" />
      <View className="staff-form__buttons">
        <BigButton kind="secondary" onClick={onCancel} testId="ledger-hazard-cancel">
          取消
        </BigButton>
        <BigButton disabled={busy} onClick={submit} testId="ledger-hazard-save">
          {busy ? '正在保存…' : '保存'}
        </BigButton>
      </View>
    </View>
  );
}

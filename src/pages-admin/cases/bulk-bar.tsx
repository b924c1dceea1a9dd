import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { CallLink } from '../../components/call-link';
import { LabelledTextarea } from '../../components/labelled-field';
import { ErrorLine } from '../../components/notice';
import { StaffChips } from '../../components/staff-ui';
import { adminApi, type AdminMember, type BulkReport } from '../../services/admin-api';
import { errorMessage } from '../../services/api-error';
import type { StaffCaseCard } from '../../services/member-api';
import { openExport } from '../../utils/staff-export';

type Mode = 'idle' | 'reassign';

/** One line per case: 「2612-0042 已改派」 or why not. */
export function reportLines(report: BulkReport, what: string): string[] {
  return report.results.map((r) => `${r.no ?? r.caseId} ${r.ok ? what : `未${what}：${r.message ?? '失败'}`}`);
}

const confirmOnce = async (title: string, content: string, confirmText: string): Promise<boolean> =>
  (await Taro.showModal({ title, content, confirmText, cancelText: '取消' })).confirm;

/**
 * What the admin does to the cases selected in the list: 改派 (to one member, with a reason, after
 * calling them if need be, confirmed once), 催办 (confirmed once: it messages the handlers) and
 * 导出. Each answer lists every case with what happened to it.
 */
export function BulkBar({
  selected,
  members,
  onDone,
}: {
  selected: StaffCaseCard[];
  /** The members the cases may go to (active ones are offered). */
  members: AdminMember[];
  /** After a change: the list reloads and the selection clears. */
  onDone: () => void;
}) {
  const [mode, setMode] = useState<Mode>('idle');
  const [memberId, setMemberId] = useState<string>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [report, setReport] = useState<string[]>();
  const ids = selected.map((c) => c.id);
  const member = members.find((m) => m.id === memberId);
  const offered = members.filter((m) => m.active);

  const run = async (work: () => Promise<string[] | undefined>) => {
    setBusy(true);
    setError(undefined);
    try {
      const lines = await work();
      if (lines) {
        setReport(lines);
        setMode('idle');
        setReason('');
        onDone();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const reassign = () => {
    if (!member) return setError('请选择改派给谁');
    if (reason.trim().length < 2) return setError('请填写改派理由（至少2个字）');
    return run(async () => {
      if (
        !(await confirmOnce('确认改派', `把所选 ${ids.length} 件改派给 ${member.roleName} ${member.name}？理由：${reason.trim()}`, '改派'))
      )
        return undefined;
      return reportLines(await adminApi.bulkReassign(ids, member.id, reason.trim()), '已改派');
    });
  };

  const remind = () =>
    run(async () => {
      if (!(await confirmOnce('确认催办', `向所选 ${ids.length} 件的办理人发送催办消息？`, '催办'))) return undefined;
      return reportLines(await adminApi.bulkRemind(ids), '已催办');
    });

  const exportThem = () =>
    run(async () => {
      const r = await adminApi.exportSelected(ids);
      await openExport(r);
      return [`已导出 ${r.rowCount} 件：${r.fileName}`];
    });

  return (
    <View className="card admin-bulk" data-testid="bulk-bar">
      <View className="admin-bulk__count" data-testid="bulk-count">
        已选 {selected.length} 件
      </View>
      {mode === 'idle' ? (
        <View className="staff-form__buttons">
          <BigButton onClick={() => setMode('reassign')} disabled={busy || ids.length === 0} testId="bulk-reassign">
            改派
          </BigButton>
          <BigButton kind="secondary" onClick={() => void remind()} disabled={busy || ids.length === 0} testId="bulk-remind">
            催办
          </BigButton>
          <BigButton kind="secondary" onClick={() => void exportThem()} disabled={busy || ids.length === 0} testId="bulk-export">
            导出
          </BigButton>
        </View>
      ) : (
        <View data-testid="reassign-panel">
          <View className="staff-form__label">改派给</View>
          <StaffChips
            options={offered.map((m) => ({ value: m.id, label: `${m.gridName ?? ''}${m.roleName} ${m.name}` }))}
            value={memberId ?? ''}
            onChange={setMemberId}
            testId="reassign-member"
          />
          {member ? (
            <View className="admin-bulk__member" data-testid="reassign-contact">
              {member.phone ? (
                <View>
                  <View className="admin-bulk__hint">改派前可先电话确认：</View>
                  <CallLink phone={member.phone} label={`${member.name} ${member.phone}`} testId="reassign-call" />
                </View>
              ) : (
                <View className="admin-bulk__hint">该成员未登记电话</View>
              )}
              {!member.onDuty ? <View className="admin-bulk__hint">该成员当前休息，请先确认能否接手</View> : null}
            </View>
          ) : null}
          <LabelledTextarea
            label="改派理由"
            required
            hint="会记入办理过程"
            value={reason}
            maxlength={200}
            placeholder="例如：原办理人休假"
            onChange={setReason}
            testId="reassign-reason"
          />
          <View className="staff-form__buttons">
            <BigButton kind="secondary" onClick={() => setMode('idle')} disabled={busy} testId="reassign-cancel">
              取消
            </BigButton>
            <BigButton onClick={() => void reassign()} disabled={busy} testId="reassign-submit">
              {busy ? '正在改派…' : '确认改派'}
            </BigButton>
          </View>
        </View>
      )}
      <ErrorLine message={error} testId="bulk-error" />
      {report ? (
        <View className="admin-bulk__report" data-testid="bulk-report">
          {report.map((line) => (
            <View key={line} className="admin-bulk__line">
              {line}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

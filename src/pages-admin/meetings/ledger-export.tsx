import { useState } from 'react';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { ErrorLine, SectionTitle } from '../../components/notice';
import { StaffChips, StaffNote } from '../../components/staff-ui';
import { useExport } from '../../hooks/use-export';
import { meetingsApi } from '../../services/meetings-api';
import { ledgerPeriods } from '../../../core/ledger-periods';
import { chinaDate } from '../../utils/staff-case-filter';

/**
 * 院坝会台账 for the community and street admins: one row per meeting of the chosen month or
 * quarter, as an .xlsx (backend/functions/meetings-ledger.ts); who raised an issue is not in it.
 */
export function MeetingLedgerExport() {
  const periods = ledgerPeriods(chinaDate(new Date()));
  const [period, setPeriod] = useState(periods[0]!.value);
  const { busy, error, note, run: exportFile } = useExport();
  const run = () =>
    exportFile(
      () => meetingsApi.ledger(period),
      (r) => `已导出 ${r.rowCount} 场会议：${r.fileName}`,
    );
  return (
    <View data-testid="meetings-ledger">
      <SectionTitle>院坝会台账</SectionTitle>
      <StaffChips
        options={periods.map((p) => ({ value: p.value, label: `${p.label} ${p.value}` }))}
        value={period}
        onChange={setPeriod}
        testId="meetings-ledger-period"
        scroll
      />
      <BigButton kind="secondary" disabled={busy} onClick={() => void run()} testId="meetings-ledger-export">
        导出台账（Excel）
      </BigButton>
      <ErrorLine message={error} />
      {note ? (
        <StaffNote tone="green" testId="meetings-ledger-note">
          {note}
        </StaffNote>
      ) : null}
    </View>
  );
}

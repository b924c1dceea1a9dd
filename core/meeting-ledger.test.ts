import { ledgerMonths, ledgerPeriods } from './ledger-periods';
import { meetingLedgerRows } from './meeting-ledger';
import type { Meeting } from './meetings';

describe('ledger periods', () => {
  test('a month is itself; a quarter its three months; anything else is refused in Chinese', () => {
    expect(ledgerMonths('2026-12')).toEqual({ ok: true, value: ['2026-12'] });
    expect(ledgerMonths('2026-Q1')).toEqual({ ok: true, value: ['2026-01', '2026-02', '2026-03'] });
    expect(ledgerMonths('2026-Q4')).toEqual({ ok: true, value: ['2026-10', '2026-11', '2026-12'] });
    for (const p of ['2026', '2026-00', '2026-13', '2026-Q0', '2026-Q5', '26-01']) {
      const r = ledgerMonths(p);
      expect(!r.ok && r.error.message).toContain('台账周期须为月份');
    }
  });
  test('the page offers this and last month, this and last quarter, across a year’s turn', () => {
    expect(ledgerPeriods('2026-12-07').map((p) => p.value)).toEqual(['2026-12', '2026-11', '2026-Q4', '2026-Q3']);
    expect(ledgerPeriods('2027-01-15').map((p) => p.value)).toEqual(['2027-01', '2026-12', '2027-Q1', '2026-Q4']);
    expect(ledgerPeriods('2026-05-01').map((p) => p.value)).toEqual(['2026-05', '2026-04', '2026-Q2', '2026-Q1']);
  });
});

const meeting = (over: Partial<Meeting>): Meeting => ({
  id: 'M1',
  streetId: 's',
  communityId: 'c1',
  gridId: 'g1',
  kind: 'courtyard',
  heldOn: '2026-11-20',
  place: '1栋院坝',
  topic: '停车',
  attendance: 30,
  rolesPresent: ['party_leader'],
  decisions: '划线',
  issues: [{ text: '路灯不亮', raisedBy: '周大爷', caseId: 'C1' }, { text: '垃圾多' }],
  recordedBy: { openid: 'o', name: '网格员' },
  createdAt: '2026-11-20T08:00:00.000Z',
  ...over,
});
const names = { community: () => '渝园社区', grid: () => '第一网格', caseNo: (id: string) => (id === 'C1' ? 'YY-2026-0001' : undefined) };

test('one row per meeting by date, the case numbers, and never who raised an issue', () => {
  const rows = meetingLedgerRows(
    [
      meeting({}),
      meeting({
        id: 'M2',
        heldOn: '2026-11-02',
        gridId: undefined,
        kind: 'deliberation_day',
        issues: [{ text: '加装电梯', caseId: 'GONE' }],
      }),
    ],
    names,
  );
  expect(rows).toEqual([
    ['2026-11-02', '议事日', '渝园社区', '全社区', '1栋院坝', '停车', 30, '党小组长', '划线', '1. 加装电梯', 1, 'GONE'],
    [
      '2026-11-20',
      '院坝会',
      '渝园社区',
      '第一网格',
      '1栋院坝',
      '停车',
      30,
      '党小组长',
      '划线',
      '1. 路灯不亮\n2. 垃圾多',
      1,
      'YY-2026-0001',
    ],
  ]);
  expect(JSON.stringify(rows)).not.toContain('周大爷');
});

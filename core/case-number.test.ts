import { caseNumberMonth, caseNumberScope, formatCaseNumber, parseCaseNumber } from './case-number';

describe('case numbers', () => {
  it('are per street and China-local month', () => {
    expect(caseNumberScope('s1', new Date('2026-12-07T08:00:00Z'))).toEqual({ key: 's1|2612', yymm: '2612' });
    // 16:00 UTC on 30 November is already 1 December in China.
    expect(caseNumberScope('s1', new Date('2026-11-30T16:00:00Z')).yymm).toBe('2612');
    expect(caseNumberScope('s1', new Date('2026-11-30T15:59:59Z')).yymm).toBe('2611');
    expect(caseNumberScope('s2', new Date('2027-01-01T00:00:00Z')).key).toBe('s2|2701');
  });

  it('format as YYMM-NNNN and grow past 9999', () => {
    expect(formatCaseNumber('2612', 42)).toBe('2612-0042');
    expect(formatCaseNumber('2612', 1)).toBe('2612-0001');
    expect(formatCaseNumber('2612', 12345)).toBe('2612-12345');
    expect(() => formatCaseNumber('2612', 0)).toThrow(RangeError);
    expect(() => formatCaseNumber('26-12', 3)).toThrow(RangeError);
  });

  it('read what people type or say', () => {
    for (const t of ['2612-0042', '2612-42', '2612 42', ' 2612—0042 ', '２６１２－００４２', '26120042', '2612/42'])
      expect([t, parseCaseNumber(t)]).toEqual([t, '2612-0042']);
    for (const t of ['', '2612', '2613-0001', '2612-0000', '楼道灯', '13800138000', '2612-0042-1', 'C20261207'])
      expect([t, parseCaseNumber(t)]).toEqual([t, undefined]);
  });

  it('know the China-local month they were given in', () => {
    expect(caseNumberMonth('2612-0042')).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
    expect(caseNumberMonth('2701-0001')).toEqual({ from: '2026-12-31T16:00:00.000Z', to: '2027-01-31T16:00:00.000Z' });
  });
});

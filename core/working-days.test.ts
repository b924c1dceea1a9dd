/**
 * Working days follow China's official calendar (the chinese-days package), with 调休 make-up
 * working days, counted in China time. Every holiday and 调休 day these tests rely on is stated in
 * the tables below, and the first test checks that the package says the same.
 */
import fc from 'fast-check';
import { addLocalDays, addWorkingDays, isoOf, localDateOf, makeWorkCalendar, startOfLocalDate, workingDaysBetween } from './working-days';
import { CHINA_CALENDAR, CHINA_DAYS, chinaCalendar, cst, wall } from './test-support';

/** The days these tests assume, as the State Council published them for 2026. */
const ASSUMED_DAYS_OFF = [
  // 春节: 2月15日至23日放假（9天）
  ...['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'],
  // 中秋: 9月25日至27日
  ...['2026-09-25', '2026-09-26', '2026-09-27'],
  // 国庆: 10月1日至7日
  ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
];
/** 调休: weekends that are working days. */
const ASSUMED_MAKE_UP_DAYS = ['2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10'];

describe('中国法定节假日日历', () => {
  test('节假日数据包与本测试所依赖的日期一致', () => {
    for (const d of ASSUMED_DAYS_OFF) expect({ d, inPackage: d in CHINA_DAYS.holidays }).toEqual({ d, inPackage: true });
    for (const d of ASSUMED_MAKE_UP_DAYS) expect({ d, inPackage: d in CHINA_DAYS.workdays }).toEqual({ d, inPackage: true });
    // The days right around them are ordinary days, not in the package.
    for (const d of ['2026-02-13', '2026-02-24', '2026-09-24', '2026-09-28', '2026-09-30', '2026-10-08', '2026-10-09'])
      expect({ d, holiday: d in CHINA_DAYS.holidays, workday: d in CHINA_DAYS.workdays }).toEqual({ d, holiday: false, workday: false });
  });

  test.each([
    ['2026-03-02', true, '周一，平常工作日'],
    ['2026-03-07', false, '周六'],
    ['2026-03-08', false, '周日'],
    ['2026-02-14', true, '周六，春节调休上班'],
    ['2026-02-16', false, '周一，春节假期（除夕）'],
    ['2026-02-23', false, '周一，春节假期最后一天'],
    ['2026-02-24', true, '周二，春节后第一个工作日'],
    ['2026-02-28', true, '周六，春节调休上班'],
    ['2026-09-20', true, '周日，国庆调休上班'],
    ['2026-09-25', false, '周五，中秋节'],
    ['2026-09-30', true, '周三，国庆前一天'],
    ['2026-10-01', false, '周四，国庆节'],
    ['2026-10-07', false, '周三，国庆假期最后一天'],
    ['2026-10-08', true, '周四，节后上班'],
    ['2026-10-10', true, '周六，国庆调休上班'],
    ['2026-10-11', false, '周日'],
  ])('%s 是否上班：%s（%s）', (date, workday) => {
    expect(CHINA_CALENDAR.isWorkday(date)).toBe(workday);
  });

  test('管理员的调整优先于数据包', () => {
    const cal = chinaCalendar({ '2026-10-10': false, '2026-10-06': true, '2026-03-02': false, '2026-03-07': true });
    expect(cal.isWorkday('2026-10-10')).toBe(false); // 调休 day cancelled locally
    expect(cal.isWorkday('2026-10-06')).toBe(true); // a holiday worked
    expect(cal.isWorkday('2026-03-02')).toBe(false); // an ordinary Monday off
    expect(cal.isWorkday('2026-03-07')).toBe(true); // an ordinary Saturday worked
    expect(cal.isWorkday('2026-10-09')).toBe(true); // untouched days keep the package's answer
  });

  test('调休日同时出现在两份名单中时按上班算', () => {
    const cal = makeWorkCalendar({ holidays: ['2026-10-10'], workdays: ['2026-10-10'] });
    expect(cal.isWorkday('2026-10-10')).toBe(true);
  });
});

describe('按中国时间计日期', () => {
  test.each([
    ['2026-10-01T15:59:59.999Z', '2026-10-01'],
    ['2026-10-01T16:00:00.000Z', '2026-10-02'],
    ['2026-12-31T16:30:00.000Z', '2027-01-01'],
  ])('%s 在中国是 %s', (iso, date) => {
    expect(localDateOf(new Date(iso))).toBe(date);
  });

  test('任何时刻的中国日期与 ISO 时间（加8小时）的日期部分一致，含一位数的月和日、四位数以外的年份', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_198_755_200_000, max: 253_402_300_799_999 + 86_400_000 }), (ms) => {
        expect(localDateOf(new Date(ms))).toBe(new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10));
      }),
      { numRuns: 2000 },
    );
    expect(() => localDateOf(new Date(NaN))).toThrow(RangeError);
  });

  test('isoOf 与 toISOString 对任何时刻都一致（含四位数以外的年份），无效日期同样抛出 RangeError', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_198_755_200_000 - 86_400_000, max: 253_402_300_799_999 + 86_400_000 }), (ms) => {
        expect(isoOf(new Date(ms))).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 3000 },
    );
    for (const iso of ['2026-01-01T00:00:00.000Z', '2026-12-31T23:59:59.999Z', '2028-02-29T08:05:03.007Z', '1000-01-01T00:00:00.000Z'])
      expect(isoOf(new Date(iso))).toBe(iso);
    expect(() => isoOf(new Date(NaN))).toThrow(RangeError);
  });

  test('一天从中国时间零点（UTC 前一日16点）开始', () => {
    expect(startOfLocalDate('2026-10-01').toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(addLocalDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addLocalDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('N个工作日后到期（当日不计，到期日下班即当天结束）', () => {
  test.each([
    ['2026-03-06 20:00', 3, '2026-03-12 00:00', '周五晚上提交：下周一、二、三，周三结束时到期'],
    ['2026-03-06 09:00', 3, '2026-03-12 00:00', '周五上午提交同样不计当天'],
    ['2026-03-02 09:00', 3, '2026-03-06 00:00', '周一提交：周二、三、四'],
    ['2026-03-05 23:59', 3, '2026-03-11 00:00', '周四深夜提交：周五、下周一、二'],
    ['2026-03-06 00:01', 3, '2026-03-12 00:00', '周五凌晨（UTC 仍是周四）按中国时间算周五'],
    ['2026-03-07 10:00', 1, '2026-03-10 00:00', '周六提交：下周一结束'],
    ['2026-09-30 18:00', 3, '2026-10-11 00:00', '国庆前一天提交：10月8日、9日、10日（调休周六）'],
    ['2026-10-03 10:00', 1, '2026-10-09 00:00', '国庆假期中提交：节后第一天10月8日结束'],
    ['2026-10-07 23:00', 2, '2026-10-10 00:00', '假期最后一天晚上：8日、9日'],
    ['2026-09-24 15:00', 3, '2026-10-01 00:00', '中秋前一天提交：9月28、29、30日'],
    ['2026-09-18 17:00', 3, '2026-09-23 00:00', '周五提交：20日（周日调休）、21日、22日'],
    ['2026-02-13 17:00', 1, '2026-02-15 00:00', '春节前周五提交：14日周六调休上班'],
    ['2026-02-13 17:00', 3, '2026-02-26 00:00', '春节前周五提交：14日，节后24日、25日'],
    ['2026-02-17 10:00', 5, '2026-03-01 00:00', '大年初一提交：24、25、26、27日和28日（周六调休）'],
  ])('%s 提交，%i 个工作日 → %s 前（%s）', (from, n, due) => {
    expect(wall(addWorkingDays(CHINA_CALENDAR, cst(from), n))).toBe(due);
  });

  test('结果是中国时间的零点，即 UTC 前一日16点', () => {
    expect(addWorkingDays(CHINA_CALENDAR, cst('2026-03-06 20:00'), 3).toISOString()).toBe('2026-03-11T16:00:00.000Z');
  });

  test('管理员调整的日期参与计算', () => {
    // The community keeps 10月10日 off after all: the third working day moves to Monday 12th.
    const cal = chinaCalendar({ '2026-10-10': false });
    expect(wall(addWorkingDays(cal, cst('2026-09-30 18:00'), 3))).toBe('2026-10-13 00:00');
    // The community works on 10月6日: a case filed on the 5th is due at the end of the 6th.
    const duty = chinaCalendar({ '2026-10-06': true });
    expect(wall(addWorkingDays(duty, cst('2026-10-05 10:00'), 1))).toBe('2026-10-07 00:00');
  });

  test.each([0, -1, 1.5, Number.NaN])('工作日数 %p 无效', (n) => {
    expect(() => addWorkingDays(CHINA_CALENDAR, cst('2026-03-02 09:00'), n)).toThrow(RangeError);
  });

  test('若全年无工作日（错误的调整）则报错而不是死循环', () => {
    const never = { isWorkday: () => false, covers: () => true };
    expect(() => addWorkingDays(never, cst('2026-03-02 09:00'), 1)).toThrow(RangeError);
  });
});

describe('两个时刻之间的工作日数（不计起始日，计结束日）', () => {
  test.each([
    ['2026-03-06 20:00', '2026-03-11 10:00', 3, '周五到下周三'],
    ['2026-09-30 09:00', '2026-10-08 09:00', 1, '跨国庆只算8日'],
    ['2026-09-30 09:00', '2026-10-10 09:00', 3, '含10日调休'],
    ['2026-03-02 09:00', '2026-03-02 18:00', 0, '同一天'],
    ['2026-03-05 09:00', '2026-03-02 09:00', 0, '结束早于开始'],
  ])('%s → %s：%i 个工作日（%s）', (from, to, n) => {
    expect(workingDaysBetween(CHINA_CALENDAR, cst(from), cst(to))).toBe(n);
  });
});

describe('性质', () => {
  const instant = fc.date({ min: new Date('2025-12-01T00:00:00Z'), max: new Date('2026-12-01T00:00:00Z'), noInvalidDate: true });

  test('到期时刻总在提交之后、落在中国时间零点，到期前一刻恰好用满N个工作日且最后一天上班', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10 }), (from, n) => {
        const due = addWorkingDays(CHINA_CALENDAR, from, n);
        expect(due.getTime()).toBeGreaterThan(from.getTime());
        expect(wall(due).slice(11)).toBe('00:00');
        const lastDay = localDateOf(new Date(due.getTime() - 1));
        expect(CHINA_CALENDAR.isWorkday(lastDay)).toBe(true);
        expect(workingDaysBetween(CHINA_CALENDAR, from, new Date(due.getTime() - 1))).toBe(n);
      }),
      { numRuns: 200 },
    );
  });

  test('多一个工作日，到期只会更晚', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10 }), (from, n) => {
        expect(addWorkingDays(CHINA_CALENDAR, from, n + 1).getTime()).toBeGreaterThan(addWorkingDays(CHINA_CALENDAR, from, n).getTime());
      }),
      { numRuns: 100 },
    );
  });
});

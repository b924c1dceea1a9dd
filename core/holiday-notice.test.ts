/**
 * The notice parser on the State Council's notices for 2024, 2025 and 2026, written out below as
 * published (国务院办公厅关于20XX年部分节假日安排的通知), checked day by day against the
 * `chinese-days` package's own data for those years. A transcription slip or a parser slip fails
 * the same test; damaged text is refused with a message naming the item.
 */
import { parseHolidayNotice, scheduleDays, type HolidaySchedule } from './holiday-notice';
import { CHINA_DAYS } from './test-support';

const NOTICE_2024 = `国务院办公厅关于2024年部分节假日安排的通知
国办发明电〔2023〕7号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2024年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日放假，与周末连休。
二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。
三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
五、端午节：6月10日放假，与周末连休。
六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2023年10月25日`;

const NOTICE_2025 = `国务院办公厅关于2025年部分节假日安排的通知
国办发明电〔2024〕12号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
根据《国务院关于修改〈全国年节及纪念日放假办法〉的决定》，为便于各地区、各部门及早合理安排节假日旅游、交通运输、生产经营等有关工作，经国务院批准，现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2024年11月12日`;

const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
国办发明电〔2025〕7号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。
国务院办公厅
2025年11月4日`;

const inYear = (days: Record<string, string>, year: number): string[] =>
  Object.keys(days)
    .filter((d) => d.startsWith(`${year}-`))
    .sort();

function parsed(text: string, year: number): HolidaySchedule {
  const r = parseHolidayNotice(text, year);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('国务院节假日安排通知的解析', () => {
  test.each([
    [2024, NOTICE_2024, 7],
    [2025, NOTICE_2025, 6],
    [2026, NOTICE_2026, 7],
  ])('%i年通知：放假与调休上班日期与节假日数据包逐日一致', (year, text, items) => {
    const s = parsed(text, year);
    expect(s.festivals).toHaveLength(items);
    const days = scheduleDays(s);
    expect(days.filter((d) => !d.workday).map((d) => d.date)).toEqual(inYear(CHINA_DAYS.holidays, year));
    expect(days.filter((d) => d.workday).map((d) => d.date)).toEqual(inYear(CHINA_DAYS.workdays, year));
  });

  test('节日名称与调休上班日随日期保存', () => {
    const days = scheduleDays(parsed(NOTICE_2026, 2026));
    expect(days.find((d) => d.date === '2026-02-16')).toEqual({ date: '2026-02-16', workday: false, name: '春节' });
    expect(days.find((d) => d.date === '2026-02-28')).toEqual({ date: '2026-02-28', workday: true, name: '春节调休上班' });
    // The 2024 notice's advice to rest on 除夕 (2月9日) is not a day off.
    expect(scheduleDays(parsed(NOTICE_2024, 2024)).some((d) => d.date === '2024-02-09')).toBe(false);
  });

  test('只粘贴条目（无标题）也能识别，跨月的放假区间按月计算', () => {
    const items = NOTICE_2025.split('\n')
      .filter((l) => /^[一二三四五六七]、/.test(l))
      .join('\n');
    const s = parsed(items, 2025);
    expect(s.festivals[1]!.holidays).toEqual([
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      '2025-02-03',
      '2025-02-04',
    ]);
    expect(s.festivals[4]!.holidays).toEqual(['2025-05-31', '2025-06-01', '2025-06-02']);
  });

  const damaged: [string, string, number, RegExp][] = [
    ['空文本', '', 2026, /没有找到「一、元旦：…」/],
    ['年份与标题不符', NOTICE_2026, 2027, /通知标题是2026年，与所选的2027年不一致/],
    ['缺少放假日期', NOTICE_2026.replace('5月1日（周五）至5日（周二）放假调休', '五一放假调休'), 2026, /“四、劳动节”一项无法识别：找不到/],
    ['天数与日期不符', NOTICE_2026.replace('共9天', '共8天'), 2026, /“二、春节”一项无法识别：写明共8天，但02-15至02-23是9天/],
    [
      '不存在的日期',
      NOTICE_2026.replace('2月15日（农历腊月二十八、周日）', '2月30日（农历腊月二十八、周日）'),
      2026,
      /“二、春节”.*2月30日不是有效日期/,
    ],
    ['调休上班日不是周末', NOTICE_2026.replace('5月9日（周六）上班', '5月8日（周六）上班'), 2026, /“四、劳动节”.*5月8日不是周末/],
    ['缺了一项', NOTICE_2026.replace(/三、清明节：[^\n]*\n/, ''), 2026, /“四、劳动节”.*序号应为第3项/],
    ['结束早于开始', NOTICE_2026.replace('6月19日（周五）至21日', '6月19日（周五）至17日'), 2026, /“五、端午节”.*结束日期早于开始日期/],
    [
      '同一天出现两次',
      NOTICE_2026.replace('9月25日（周五）至27日（周日）放假，共3天', '10月1日（周四）至3日放假，共3天'),
      2026,
      /“七、国庆节”.*10-01已出现在“六、中秋节”中/,
    ],
    ['上班前没有日期', NOTICE_2026.replace('1月4日（周日）上班', '周日上班'), 2026, /“一、元旦”.*「上班」前没有日期/],
  ];
  test.each(damaged)('拒绝损坏的文本：%s', (_label, text, year, message) => {
    const r = parseHolidayNotice(text, year);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('HOLIDAY.UNREADABLE');
      expect(r.error.message).toMatch(message);
    }
  });
});

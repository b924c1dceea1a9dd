import { quarterDays, quarterOf } from '../../core/satisfaction-survey';
import { quarterLabel, quarterLastDay, quarterOfDay, surveyPlan } from './survey-plan';

test.each(['2026-01-01', '2026-03-31', '2026-05-15', '2026-09-30', '2026-12-07', '2028-02-29'])('季度与核心规则一致：%s', (day) => {
  expect(quarterOfDay(day)).toBe(quarterOf(day));
  expect(quarterLastDay(day)).toBe(quarterDays(quarterOf(day)).last);
});

test('测评从今天开始，截止日不超过季度末', () => {
  expect(surveyPlan('2026-12-07', '7')).toEqual({ quarter: '2026-Q4', opensOn: '2026-12-07', closesOn: '2026-12-13' });
  expect(surveyPlan('2026-12-07', '14')).toEqual({ quarter: '2026-Q4', opensOn: '2026-12-07', closesOn: '2026-12-20' });
  expect(surveyPlan('2026-12-07', 'end').closesOn).toBe('2026-12-31');
  expect(surveyPlan('2026-12-28', '14').closesOn).toBe('2026-12-31');
  expect(quarterLabel('2026-Q4')).toBe('2026年第4季度');
});

import { describeRate as coreDescribeRate, formatRate as coreFormatRate, RATE_LABELS } from '../../core/metrics';
import type { BoardMetrics } from '../services/board-api';
import {
  describeMetricRate,
  describeRate,
  describeWeights,
  formatDuration,
  formatRate,
  formatScore,
  numeratorOf,
  RATE_INFO,
  RATE_KEYS,
} from './board-format';

const metrics = (over: Partial<BoardMetrics> = {}): BoardMetrics => ({
  received: 200,
  open: 12,
  closed: 180,
  overdue: 3,
  resolved: 186,
  responseRate: 0.9,
  onTimeRate: 0.85,
  resolutionRate: 186 / 190,
  satisfactionRate: 177 / 184,
  score: 90.12,
  rework: 2,
  supervised: 0,
  escalated: 1,
  respondDue: 190,
  resolveDue: 188,
  phoneRated: 0,
  unreached: 0,
  resolutionBase: 190,
  rated: 184,
  ...over,
});

describe('满意率等比率的写法与后端一致', () => {
  it.each([0, 1, 0.5, 0.9624, 0.96249, 0.96251, 1 / 3, 2 / 3, 0.0004, 0.9995, null, Number.NaN])('formatRate(%p)', (rate) => {
    expect(formatRate(rate)).toBe(coreFormatRate(rate));
  });

  it('每个比率的名称和分母与 core 的 RATE_LABELS 相同', () => {
    for (const key of RATE_KEYS) {
      expect(RATE_INFO[key].name).toBe(RATE_LABELS[key].name);
      expect(RATE_INFO[key].denominator).toBe(RATE_LABELS[key].denominator);
      expect(RATE_INFO[key].denominatorLabel).toBe(RATE_LABELS[key].denominatorLabel);
    }
  });

  it('比率从不脱离分母：满意率 96.2%（已评价 184 件）', () => {
    expect(describeMetricRate(metrics(), 'satisfactionRate')).toBe('满意率 96.2%（已评价 184 件）');
    expect(describeRate('满意率', 177 / 184, 184, '已评价')).toBe(coreDescribeRate('满意率', 177 / 184, 184, '已评价'));
  });

  it('没有可除的件数时显示 —，不显示 0%', () => {
    const m = metrics({ satisfactionRate: null, rated: 0 });
    expect(describeMetricRate(m, 'satisfactionRate')).toBe('满意率 —（已评价 0 件）');
    expect(numeratorOf(m, 'satisfactionRate')).toBeNull();
  });

  it('由比率和分母还原出件数', () => {
    expect(numeratorOf(metrics(), 'satisfactionRate')).toBe(177);
    expect(numeratorOf(metrics(), 'resolutionRate')).toBe(186);
    expect(numeratorOf(metrics({ responseRate: 0, respondDue: 7 }), 'responseRate')).toBe(0);
  });
});

describe('综合得分与权重', () => {
  it.each([
    [86.22, '86.2'],
    [100, '100.0'],
    [0, '0.0'],
    [null, '—'],
  ])('formatScore(%p) = %p', (score, shown) => expect(formatScore(score)).toBe(shown));

  it('权重按占比显示', () => {
    expect(describeWeights({ response: 30, onTime: 35, satisfaction: 35 })).toBe('响应率 30% · 按时办结率 35% · 满意率 35%');
    expect(describeWeights({ response: 1, onTime: 1, satisfaction: 2 })).toBe('响应率 25% · 按时办结率 25% · 满意率 50%');
    expect(describeWeights({ response: 0, onTime: 0, satisfaction: 0 })).toBe('');
  });
});

describe('办理用时', () => {
  it.each([
    [0, '不到1分钟'],
    [36, '36分钟'],
    [60, '1小时'],
    [200, '3小时20分钟'],
    [24 * 60, '1天'],
    [2 * 24 * 60 + 5 * 60 + 59, '2天5小时'],
    [-5, ''],
    [undefined, ''],
  ])('%p 分钟 → %p', (minutes, text) => expect(formatDuration(minutes)).toBe(text));
});

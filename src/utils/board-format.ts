import type { BoardMetrics, MetricWeights } from '../services/board-api';

/**
 * How the board says a rate: never without what it is out of. Mirrors `formatRate` and
 * `describeRate` in core/metrics.ts (the test checks they agree), without pulling the core and
 * its full zod into the app bundle.
 */

export type RateKey = 'responseRate' | 'onTimeRate' | 'resolutionRate' | 'satisfactionRate';

export interface RateInfo {
  name: string;
  /** The field of the metrics that is the denominator. */
  denominator: 'respondDue' | 'resolveDue' | 'resolutionBase' | 'rated';
  denominatorLabel: string;
  /** What the numerator counts, for '其中 56 件满意或基本满意'. */
  numeratorLabel: string;
  /** One sentence a resident understands. */
  meaning: string;
}

export const RATE_KEYS: readonly RateKey[] = ['responseRate', 'onTimeRate', 'resolutionRate', 'satisfactionRate'];

export const RATE_INFO: Readonly<Record<RateKey, RateInfo>> = {
  responseRate: {
    name: '响应率',
    denominator: 'respondDue',
    denominatorLabel: '应响应',
    numeratorLabel: '按时受理',
    meaning: '在规定时间内受理的诉求，占已受理或已超时未受理诉求的比例',
  },
  onTimeRate: {
    name: '按时办结率',
    denominator: 'resolveDue',
    denominatorLabel: '应办结',
    numeratorLabel: '按时办结',
    meaning: '在时限内办结的诉求，占已办结或已超时诉求的比例',
  },
  resolutionRate: {
    name: '解决率',
    denominator: 'resolutionBase',
    denominatorLabel: '应解决',
    numeratorLabel: '已办结',
    meaning: '已办结的诉求，占受理诉求（不含不予受理和撤回）的比例',
  },
  satisfactionRate: {
    name: '满意率',
    denominator: 'rated',
    denominatorLabel: '已评价',
    numeratorLabel: '满意或基本满意',
    meaning: '评价为满意和基本满意的，占居民已评价诉求的比例；到期未评价的不计入',
  },
};

/** '96.2%', one decimal; '—' when there is nothing to divide by (never a misleading 0%). */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** '满意率 96.2%（已评价 184 件）'. */
export function describeRate(name: string, rate: number | null, denominator: number, denominatorLabel: string): string {
  return `${name} ${formatRate(rate)}（${denominatorLabel} ${denominator} 件）`;
}

/** The rate of a unit described, as the board shows it on tap. */
export function describeMetricRate(m: BoardMetrics, key: RateKey): string {
  const info = RATE_INFO[key];
  return describeRate(info.name, m[key], m[info.denominator], info.denominatorLabel);
}

/**
 * The count behind a rate ('其中 56 件满意或基本满意'), recovered from rate × denominator: the
 * rate is an exact quotient of two counts, so rounding gives the count back.
 */
export function numeratorOf(m: BoardMetrics, key: RateKey): number | null {
  const rate = m[key];
  const den = m[RATE_INFO[key].denominator];
  return rate === null || den <= 0 ? null : Math.round(rate * den);
}

/** '86.2' (one decimal, as published) or '—'. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return (Math.round(score * 10) / 10).toFixed(1);
}

/** '响应率 30% · 按时办结率 35% · 满意率 35%': the weights as shares of the whole. */
export function describeWeights(w: MetricWeights): string {
  const total = w.response + w.onTime + w.satisfaction;
  if (!(total > 0)) return '';
  const share = (x: number) => `${Math.round((x / total) * 100)}%`;
  return `响应率 ${share(w.response)} · 按时办结率 ${share(w.onTime)} · 满意率 ${share(w.satisfaction)}`;
}

/** Minutes as people say them: '36分钟', '3小时20分钟', '2天5小时'. */
export function formatDuration(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes) || minutes < 0) return '';
  const m = Math.round(minutes);
  if (m < 1) return '不到1分钟';
  if (m < 60) return `${m}分钟`;
  if (m < 24 * 60) {
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return rest ? `${h}小时${rest}分钟` : `${h}小时`;
  }
  const d = Math.floor(m / (24 * 60));
  const h = Math.floor((m % (24 * 60)) / 60);
  return h ? `${d}天${h}小时` : `${d}天`;
}

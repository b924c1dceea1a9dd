/**
 * Scaling for the board's charts, drawn with plain views: every axis starts at zero and ends at a
 * round number at or above the largest value, so that bar lengths compare honestly and the
 * middle gridline is a whole number.
 */

const STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * The top of a count axis: the smallest round number ≥ `max` whose half is a whole number
 * (so the middle gridline reads as a count). 0 when there is nothing to draw.
 */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 0;
  if (max <= 10) return Math.max(2, Math.ceil(max / 2) * 2);
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of STEPS) {
    const top = Math.round(step * magnitude);
    if (top >= max && top % 2 === 0) return top;
  }
  return Math.round(10 * magnitude);
}

/** Gridline values for an axis: 0, the middle and the top. */
export function axisTicks(top: number): number[] {
  return top > 0 ? [0, top / 2, top] : [0];
}

/**
 * The length of a bar as a percentage of the axis. A value above zero gets at least a sliver
 * (1%) so that "a few" never looks like "none"; the count printed beside it says how many.
 */
export function barPercent(value: number, top: number): number {
  if (!Number.isFinite(value) || value <= 0 || !(top > 0)) return 0;
  const p = (value / top) * 100;
  return Math.min(100, Math.max(1, Math.round(p * 10) / 10));
}

/** A rate (0–1) on a 0–100% axis; null stays null (no bar, a 无评价 label). */
export function ratePercent(rate: number | null): number | null {
  if (rate === null || !Number.isFinite(rate)) return null;
  return Math.min(100, Math.max(0, Math.round(rate * 1000) / 10));
}

import type { CaseStatus } from '../services/api-types';

/**
 * The five steps a resident sees on a case: 提交 → 受理 → 办理 → 评价 → 办结. Rework (回炉整改)
 * and escalation (吹哨) are notes on the 办理 step; a case that ended early (撤回, 不予受理,
 * 合并) ends its row with that outcome instead of the remaining steps.
 */
export type StepState = 'done' | 'current' | 'todo' | 'stopped';

export interface CaseStep {
  key: 'submit' | 'accept' | 'handle' | 'rate' | 'close' | 'ended';
  label: string;
  state: StepState;
  /** A short line under the step: `回炉整改第1次`, `已吹哨至街道`, `请您评价`. */
  note?: string;
}

export interface StepsInput {
  status: CaseStatus | string;
  statusName: string;
  reworkCount?: number;
  escalation?: { level: string } | null;
  supervised?: boolean;
}

const STEP_LABELS = [
  ['submit', '提交'],
  ['accept', '受理'],
  ['handle', '办理'],
  ['rate', '评价'],
  ['close', '办结'],
] as const;

/** Which step is current for each status; every later step is still to come. */
const CURRENT: Partial<Record<string, number>> = {
  pending: 1,
  assigned: 1,
  processing: 2,
  escalated: 2,
  resolved: 3,
  closed: 5,
};

const LEVEL_NAMES: Record<string, string> = { community: '社区', street: '街道', department: '职能部门' };

export function caseSteps(c: StepsInput): CaseStep[] {
  const current = CURRENT[c.status];
  if (current === undefined) {
    // Ended early: what was done, then the outcome in place of the rest.
    return [
      { key: 'submit', label: '提交', state: 'done' },
      { key: 'ended', label: c.statusName, state: 'stopped' },
    ];
  }
  return STEP_LABELS.map(([key, label], i) => {
    const state: StepState = i < current ? 'done' : i === current ? 'current' : 'todo';
    return { key, label, state, ...noteFor(key, state, c) };
  });
}

function noteFor(key: CaseStep['key'], state: StepState, c: StepsInput): { note?: string } {
  const rework = c.reworkCount ?? 0;
  if (key === 'accept' && state === 'current') return { note: c.status === 'pending' ? '社区正在安排' : '等待受理' };
  if (key === 'handle' && state === 'current') {
    if (c.status === 'escalated') return { note: `已吹哨至${LEVEL_NAMES[c.escalation?.level ?? ''] ?? '上级'}` };
    if (rework > 0) return { note: `回炉整改第${rework}次` };
    return { note: '正在办理' };
  }
  if (key === 'handle' && state === 'done' && rework > 0) return { note: `整改${rework}次` };
  if (key === 'rate' && state === 'current') return { note: '请您评价' };
  return {};
}

/** Whether the 办理 step is an alert (escalated or under supervision): shown in red. */
export const stepsAlert = (c: StepsInput): boolean => c.status === 'escalated' || c.supervised === true;

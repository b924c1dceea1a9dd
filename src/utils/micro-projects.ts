/** 民生微实事 display and form helpers. */
import type { DeliveryStage } from '../../core/micro-projects';

/** An estimated cost in yuan, in 万 from ten thousand: 18000 → 1.8万元, 4500 → 4500元. */
export function yuan(n: number): string {
  if (n >= 10_000) return `${Number((n / 10_000).toFixed(2))}万元`;
  return `${n}元`;
}

const STAGES: readonly DeliveryStage[] = ['approved', 'in_progress', 'done'];

/** The stage a project moves on to from where it is (undefined once done). */
export function nextStage(current: DeliveryStage | null): DeliveryStage | undefined {
  return STAGES[current === null ? 0 : STAGES.indexOf(current) + 1];
}

export const NEXT_STAGE_LABEL: Record<DeliveryStage, string> = {
  approved: '立项',
  in_progress: '开始实施',
  done: '登记完成',
};

/** A candidate project as typed in the form. */
export interface ProjectFields {
  title: string;
  description: string;
  cost: string;
  provider: string;
}

const chars = (s: string): number => Array.from(s.trim()).length;

/** What is wrong with a round's candidate projects and votes per person, in Chinese, or undefined. */
export function roundDraftProblem(projects: readonly ProjectFields[], votesPerPerson: number): string | undefined {
  if (projects.length < 2) return '至少要有 2 个候选项目';
  for (const [i, p] of projects.entries()) {
    const n = `候选项目 ${i + 1}`;
    if (chars(p.title) < 2) return `${n}：请填写项目名称（至少2个字）`;
    if (chars(p.description) < 5) return `${n}：请填写项目内容（至少5个字）`;
    if (!/^\d{1,9}$/.test(p.cost.trim())) return `${n}：预计费用须为整数（元）`;
    if (chars(p.provider) < 1) return `${n}：请填写服务提供方`;
  }
  if (votesPerPerson < 1 || votesPerPerson >= projects.length) return '每人可投票数须少于候选项目数';
  return undefined;
}

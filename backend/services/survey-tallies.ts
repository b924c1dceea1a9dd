/** The quarter's 满意度测评 answers as ratings for the 80 % rule (backend/services/rectifications.ts). */
import { addTally, emptyTally, type CaseTally } from '../../core/metrics';
import { surveyTally, type SurveyAnswer } from '../../core/satisfaction-survey';
import type { Store } from '../store/store.port';

/**
 * The survey answers of a street's quarter as ratings for the 80 % rule: each answer about the
 * community counts for the community, each answer about the five-role group for the answerer's grid.
 */
export async function surveyTallies(
  store: Store,
  communityIds: readonly string[],
  period: string,
): Promise<{ communities: Map<string, CaseTally>; grids: Map<string, CaseTally> }> {
  const communities = new Map<string, CaseTally>();
  const grids = new Map<string, CaseTally>();
  // One read for the quarter's surveys, then their answers at once: the timer runs this in its budget.
  const wanted = new Set(communityIds);
  const surveys = (await store.listRef('surveys', { quarter: period })).filter((s) => wanted.has(s.communityId));
  const answersOf = await Promise.all(surveys.map((s) => store.listRef('surveyAnswers', { surveyId: s.id })));
  surveys.forEach((s, i) => {
    const answers = answersOf[i] ?? [];
    communities.set(s.communityId, surveyTally(s, answers, 'community'));
    const byGrid = new Map<string, SurveyAnswer[]>();
    for (const a of answers) byGrid.set(a.gridId, [...(byGrid.get(a.gridId) ?? []), a]);
    for (const [gid, list] of byGrid) grids.set(gid, addTally(grids.get(gid) ?? emptyTally(), surveyTally(s, list, 'grid')));
  });
  return { communities, grids };
}

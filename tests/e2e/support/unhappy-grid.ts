/**
 * A grid whose quarter falls below 80 % satisfaction: what the 整改任务 tests (H5 and the 长辈版
 * figures) need before the street can open a task. Built through the host's API as the demo personas.
 */
import { apiAs, PNG, submitCase, type Api } from '../staff-support';
import type { RunningHost } from './host';

/** The current quarter, China-local, as the server names it (2026-Q4). */
export function currentQuarter(): string {
  const local = new Date(Date.now() + 8 * 3_600_000);
  return `${local.getUTCFullYear()}-Q${Math.ceil((local.getUTCMonth() + 1) / 3)}`;
}

async function upload(host: RunningHost, api: Api): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'after.png');
  const res = await fetch(`${host.url}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${api.token}` }, body: form });
  return ((await res.json()) as { data: { fileId: string } }).data.fileId;
}

/**
 * Files, resolves and rates unhappy enough cases in the grid that its quarter falls clearly below
 * 80 % over at least five rated cases, whatever the demo history left in it.
 */
export async function makeGridUnhappy(host: RunningHost, grid: string, quarter: string): Promise<void> {
  const admin = await apiAs(host, 'demo-admin-1');
  const stats = await admin.call<{ units: { id: string; metrics: { rated: number; satisfactionRate: number | null } }[] }>(
    'admin',
    'stats',
    { period: quarter, groupBy: 'grid' },
  );
  const unit = stats.units.find((u) => u.id === grid);
  const rated = unit?.metrics.rated ?? 0;
  const happy = Math.round((unit?.metrics.satisfactionRate ?? 0) * rated);
  // Below 70 %, so a survey answer or two cannot lift it over the line.
  const unhappy = Math.max(5 - rated, Math.floor(happy / 0.7) - rated + 1, 1);
  const steward = await apiAs(host, 'demo-11-building-steward');
  const photo = await upload(host, steward);
  for (let i = 0; i < unhappy; i++) {
    const resident = await apiAs(host, `demo-resident-${(i % 3) + 1}`);
    const filed = await submitCase(resident, {
      buildingId: `${grid}-b1`,
      categoryId: 'cat-01',
      description: `${i + 1}号楼道灯又坏了，晚上看不见台阶`,
    });
    if (filed.holder?.role !== 'building_steward') throw new Error(`case ${filed.caseId} not routed to the steward`);
    await steward.call('member', 'acceptCase', { caseId: filed.caseId });
    await steward.call('member', 'resolveCase', { caseId: filed.caseId, result: '已更换灯泡', photos: [photo] });
    await resident.call('resident', 'rateCase', { caseId: filed.caseId, rating: 'unsatisfied', comment: '没过几天又坏了，问题没有解决' });
  }
}

/**
 * 催办 is offered only when the server takes it: the reporter's case view leaves `remind` out of
 * `allowedActions` before the reminder share of the running limit (80 % of 24 hours) and after a
 * reminder today, and says why (`reminderNote`, `reminderOpensAt`). The view and the action agree.
 */
import type { Output } from '../../backend/contract';
import { BUILDING, HOUR, makeEnv, P, REPAIR, type TestEnv } from '../support/env';

let env: TestEnv;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => env.close());

const view = async (caseId: string) => (await env.ok<Output<'resident', 'getCase'>>('resident', P.resident, 'getCase', { caseId })).case;

it('催办 opens at the reminder share of the limit; before that the view says when, and the action agrees', async () => {
  const submitted = await env.ok<Output<'resident', 'submitCase'>>('resident', P.resident, 'submitCase', {
    requestId: 'remind-view-1',
    categoryId: REPAIR,
    buildingId: BUILDING,
    description: '3栋楼道灯坏了，晚上看不见',
    isPublic: true,
  });
  const caseId = submitted.caseId;
  const opensAt = new Date(env.clock.now.getTime() + 0.8 * 24 * HOUR).toISOString();

  env.advance(2 * HOUR);
  const early = await view(caseId);
  expect(early.allowedActions).not.toContain('remind');
  expect(early.allowedActions).toContain('supplement');
  expect(early.reminderOpensAt).toBe(opensAt);
  expect(early.reminderNote).toMatch(/^办理时限尚早，\d{4}-\d{2}-\d{2} \d{2}:\d{2}后才能催办$/);
  const refused = await env.call('resident', P.resident, 'remindCase', { caseId });
  expect(refused).toMatchObject({ ok: false, error: { code: 'CASE.TOO_EARLY', message: early.reminderNote } });

  env.advance(18 * HOUR); // 20 hours in: past 80 % of the 24-hour limit
  const due = await view(caseId);
  expect(due.allowedActions).toContain('remind');
  expect(due.reminderNote).toBeUndefined();
  expect(due.reminderOpensAt).toBeUndefined();
  await env.ok('resident', P.resident, 'remindCase', { caseId });

  // Once a day: the view stops offering it and says so.
  const after = await view(caseId);
  expect(after.allowedActions).not.toContain('remind');
  expect(after.reminderNote).toBe('今天已经催办过了，办理人已收到提醒，请明天再催');
  expect(after.reminderOpensAt).toBeUndefined();
});

it('staff views are not changed by the reporter rule', async () => {
  const submitted = await env.ok<Output<'resident', 'submitCase'>>('resident', P.resident, 'submitCase', {
    requestId: 'remind-view-2',
    categoryId: REPAIR,
    buildingId: BUILDING,
    description: '3栋楼道灯坏了，晚上看不见',
    isPublic: true,
  });
  const staff = await env.ok<Output<'member', 'getCase'>>('member', P.steward11, 'getCase', { caseId: submitted.caseId });
  expect(staff.case.reminderNote).toBeUndefined();
});

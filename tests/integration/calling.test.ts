/**
 * Calling the handler through the API: a resident sees the work phone of the member holding their
 * case only when the member consented to show it (公示牌信息), only on their own case and only while
 * it is being handled; the handler sees the reporter's contact phone when one was given.
 */
import { member } from '../../backend/functions/member';
import { data, openAdminWorld, outcome, P, type AdminWorld } from '../support/admin-world';

let w: AdminWorld;
beforeAll(async () => {
  w = await openAdminWorld(undefined, { caseCount: 0 });
});
afterAll(async () => w.close());

const asMember = (openid: string, action: string, params: Record<string, unknown> = {}) =>
  member.handle({ action, ...params }, openid, w.deps);

interface Contact {
  workPhone?: string;
  who?: string;
}

describe('a resident calls the handler', () => {
  it('no phone without the member’s consent; the name stays masked', async () => {
    const c = await w.submit({ description: '楼道灯坏了，晚上看不见' });
    const r = data<Contact>(await w.resident(P.resident, 'handlerContact', { caseId: c.id }));
    expect(r.workPhone).toBeUndefined();
    expect(r.who).toMatch(/^楼栋物管员 .\*\*$/);
  });

  it('with consent: the work phone (and the full name when consented), on the reporter’s own open case only', async () => {
    const c = await w.submit({ description: '单元门关不上了' });
    const holder = c.holder!;
    data(await asMember(holder.openid, 'setPublicProfile', { workPhone: '13900001111', showFullName: true }));
    const r = data<Contact>(await w.resident(P.resident, 'handlerContact', { caseId: c.id }));
    expect(r.workPhone).toBe('13900001111');
    expect(r.who).toBe(`楼栋物管员 ${(await w.store.getRef('members', holder.memberId!))!.name}`);

    // Someone else cannot learn it from the case id.
    expect(outcome(await w.resident('demo-resident-2', 'handlerContact', { caseId: c.id }))).toBe('CASE.NOT_FOUND');
    expect(outcome(await w.resident(P.resident, 'handlerContact', { caseId: 'C-nope' }))).toBe('CASE.NOT_FOUND');
    expect(outcome(await w.resident(P.resident, 'handlerContact', {}))).toBe('INPUT.INVALID');

    // Withdrawing consent hides it at once.
    data(await asMember(holder.openid, 'setPublicProfile', { workPhone: null }));
    expect(data<Contact>(await w.resident(P.resident, 'handlerContact', { caseId: c.id })).workPhone).toBeUndefined();

    // A closed case: nothing to call about.
    data(await asMember(holder.openid, 'setPublicProfile', { workPhone: '13900001111' }));
    data(await w.resident(P.resident, 'withdrawCase', { caseId: c.id, reason: '已经自己修好了' }));
    expect(data<Contact>(await w.resident(P.resident, 'handlerContact', { caseId: c.id }))).toEqual({});
  });
});

describe('the handler calls the reporter', () => {
  it('the contact phone given is on the handler’s case page, never another resident’s', async () => {
    const c = await w.submit({ description: '楼顶漏水了，天花板渗水', contactPhone: '13800002222' });
    const task = data<{ case: { contactPhone?: string } }>(await asMember(c.holder!.openid, 'getCase', { caseId: c.id }));
    expect(task.case.contactPhone).toBe('13800002222');
    const own = await w.resident(P.resident, 'getCase', { caseId: c.id });
    expect(JSON.stringify(own)).toContain('13800002222'); // the reporter sees their own
    const other = await w.resident('demo-resident-2', 'getCase', { caseId: c.id });
    expect(JSON.stringify(other)).not.toContain('13800002222');
  });
});

/**
 * A resident's name and phone on a case, as the grid's members read it (core/contact-privacy.ts):
 * the handler reads both; another member of the grid sees the case but reads the resident as 王**
 * and no phone. A 代登记's filer reads the name they took down.
 */
import { member } from '../../backend/functions/member';
import { maskPersonName } from '../../core/masking';
import { P, YUYUAN_BUILDING, data, openAdminWorld, type AdminWorld } from '../support/admin-world';

jest.setTimeout(60_000);

let w: AdminWorld;
beforeEach(async () => {
  w = await openAdminWorld(undefined, { caseCount: 0 });
});
afterEach(async () => w.close());

const G1_MEMBERS = ['demo-11-grid-worker', 'demo-11-building-steward', 'demo-11-party-leader', 'demo-11-resident-leader'];
interface CaseOut {
  contactPhone?: string;
  contactName?: string;
  reporter?: { role: string; name: string };
}
const asMember = async (openid: string, caseId: string) => {
  const r = await member.handle({ action: 'getCase', caseId }, openid, w.deps);
  return { reply: JSON.stringify(r), case: data<{ case: CaseOut }>(r).case };
};

test('a resident’s case: the handler reads their name and phone, the rest of the grid 王** and no phone', async () => {
  const c = await w.submit({ buildingId: YUYUAN_BUILDING, contactPhone: '13912340000' });
  const resident = c.reporter.name;
  expect(c.reporter.role).toBe('resident');
  const handler = c.holder!.openid;
  const others = G1_MEMBERS.filter((o) => o !== handler);
  expect(others.length).toBeGreaterThanOrEqual(3);

  const mine = await asMember(handler, c.id);
  expect(mine.case).toMatchObject({ contactPhone: '13912340000', reporter: { name: resident } });
  for (const o of others) {
    const seen = await asMember(o, c.id);
    expect(seen.case.reporter).toMatchObject({ role: 'resident', name: maskPersonName(resident) });
    expect(seen.case.contactPhone).toBeUndefined();
    expect(seen.reply).not.toContain(resident);
    expect(seen.reply).not.toContain('13912340000');
  }
  // The admins read everything.
  const asAdmin = data<{ case: CaseOut }>(await w.admin(P.communityAdmin, 'getCase', { caseId: c.id })).case;
  expect(asAdmin).toMatchObject({ contactPhone: '13912340000', reporter: { name: resident } });
});

test('a 代登记: the filer and the handler read the resident; another member of the grid does not', async () => {
  const filer = 'demo-11-party-leader';
  const filed = await w.intake(filer, 'fileForResident', {
    requestId: 'contact-privacy-proxy-1',
    channel: 'phone',
    contactName: '周大爷',
    contactPhone: '13877776666',
    buildingId: YUYUAN_BUILDING,
    categoryId: 'cat-01',
    description: '楼道灯坏了，晚上看不见台阶',
  });
  const caseId = data<{ caseId: string }>(filed).caseId;
  const c = await w.getCase(caseId);
  const handler = c.holder!.openid;
  for (const who of [filer, handler])
    expect((await asMember(who, caseId)).case).toMatchObject({ contactName: '周大爷', contactPhone: '13877776666' });
  const others = G1_MEMBERS.filter((o) => o !== handler && o !== filer);
  expect(others.length).toBeGreaterThanOrEqual(2);
  for (const o of others) {
    const seen = await asMember(o, caseId);
    expect(seen.case.contactName).toBeUndefined();
    expect(seen.reply).not.toContain('周大爷');
    expect(seen.reply).not.toContain('13877776666');
  }
});

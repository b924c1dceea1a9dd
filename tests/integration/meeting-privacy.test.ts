/**
 * The name of a resident who raised an issue at a 院坝会 (core/meeting-privacy.ts): the record is
 * shared with the community's members, the name is not. The community's admins, the street admin
 * and the handler of the case the issue became read it; every other member reads 「居民」, in every
 * answer the `community` function gives (the page never receives the name).
 */
import type { Reply } from '../../backend/functions/define';
import { P, YUYUAN_BUILDING, YUYUAN_G1, data, openAdminWorld, outcome, type AdminWorld } from '../support/admin-world';

jest.setTimeout(60_000);

let w: AdminWorld;
beforeEach(async () => {
  w = await openAdminWorld(undefined, { caseCount: 0 });
});
afterEach(async () => w.close());

const NAME = '周大爷';
const OTHER_GRID_MEMBER = 'demo-12-party-leader';

interface IssueOut {
  text: string;
  raisedBy?: string;
  raiserWithheld: boolean;
  caseId?: string;
}
interface MeetingOut {
  id: string;
  issues: IssueOut[];
}

const record = (openid: string) =>
  w.community(openid, 'meetingRecord', {
    requestId: 'meeting-privacy-1',
    gridId: YUYUAN_G1,
    kind: 'courtyard',
    heldOn: '2026-11-20',
    place: '1栋院坝',
    topic: '路灯与清运',
    attendance: 20,
    issues: [{ text: `${NAME}反映3栋门口路灯不亮`, raisedBy: NAME }, { text: '垃圾站清运不及时' }],
  });

const detailOf = (openid: string, meetingId: string) => w.community(openid, 'meetingDetail', { meetingId });
const text = (r: Reply): string => JSON.stringify(r);

describe('who reads the name of the resident who raised an issue', () => {
  test('the member who recorded it gets the record back without the name; admins read it', async () => {
    const recorded = await record(P.member);
    expect(text(recorded)).not.toContain(NAME);
    const m = data<{ meeting: MeetingOut }>(recorded).meeting;
    expect(m.issues[0]).toMatchObject({ text: '居民反映3栋门口路灯不亮', raisedBy: '居民', raiserWithheld: true });
    expect(m.issues[1]).toEqual(expect.objectContaining({ text: '垃圾站清运不及时', raiserWithheld: false }));
    expect(m.issues[1]!.raisedBy).toBeUndefined();
    // Stored as given: the name is kept for those who may read it.
    expect((await w.store.getRef('meetings', m.id))!.issues[0]!.raisedBy).toBe(NAME);

    for (const admin of [P.communityAdmin, P.streetAdmin]) {
      const seen = data<MeetingOut>(await detailOf(admin, m.id));
      expect(seen.issues[0]).toMatchObject({ text: `${NAME}反映3栋门口路灯不亮`, raisedBy: NAME, raiserWithheld: false });
    }
    for (const member of [P.member, OTHER_GRID_MEMBER]) {
      const r = await detailOf(member, m.id);
      expect(data<MeetingOut>(r).issues[0]).toMatchObject({ raisedBy: '居民', raiserWithheld: true });
      expect(text(r)).not.toContain(NAME);
    }
    // The list never carries an issue's words or name.
    expect(text(await w.community(P.member, 'meetingList', {}))).not.toContain(NAME);
    // Outside the community nobody reads the record at all.
    for (const outsider of [P.otherCommunityAdmin, P.resident, P.department])
      expect(outcome(await detailOf(outsider, m.id))).toBe('MEETING.NOT_FOUND');
  });

  test('once the issue is a case, its handler reads the name; the other members still do not', async () => {
    const m = data<{ meeting: MeetingOut }>(await record(P.communityAdmin)).meeting;
    const filed = await w.community(P.member, 'meetingFileIssues', {
      meetingId: m.id,
      issues: [{ index: 0, categoryId: 'cat-01', buildingId: YUYUAN_BUILDING, contactPhone: '13912345678' }],
    });
    const caseId = data<{ filed: { caseId: string }[] }>(filed).filed[0]!.caseId;
    const c = await w.getCase(caseId);
    expect(c.contactName).toBe(NAME);
    const handler = c.holder!.openid;
    const others = ['demo-11-grid-worker', 'demo-11-building-steward', 'demo-11-party-leader', OTHER_GRID_MEMBER].filter(
      (o) => o !== handler,
    );
    expect(others.length).toBeGreaterThanOrEqual(3);

    const asHandler = data<MeetingOut>(await detailOf(handler, m.id));
    expect(asHandler.issues[0]).toMatchObject({ raisedBy: NAME, raiserWithheld: false, caseId });
    for (const o of others) {
      const r = await detailOf(o, m.id);
      expect(data<MeetingOut>(r).issues[0]).toMatchObject({ raisedBy: '居民', raiserWithheld: true, caseId });
      expect(text(r)).not.toContain(NAME);
      expect(text(r)).not.toContain('13912345678');
    }
    // The filing member's own answer names nobody unless they hold the case.
    if (handler !== P.member) expect(text(filed)).not.toContain(NAME);
  });
});

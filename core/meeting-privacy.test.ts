import { issueAsSeen, maySeeRaiser, RAISER_WITHHELD } from './meeting-privacy';
import type { Case } from './model';
import {
  actorOf,
  COMMUNITY,
  COMMUNITY_ADMIN,
  HOUSING_DEPT,
  LI,
  OTHER_COMMUNITY_ADMIN,
  PLACE,
  REPORTER,
  STREET,
  STREET_ADMIN,
  WANG,
  ZHANG,
} from './test-support';

const meeting = { streetId: STREET, communityId: COMMUNITY };
const issue = { text: '周大爷说3栋路灯不亮', raisedBy: '周大爷' };
/** The case the issue became, held by 王小明 (a member, by his member record). */
const held = {
  place: PLACE,
  reporter: { openid: 'member:m-li', role: 'grid_worker', name: LI.name, memberId: LI.id },
  holder: { openid: 'member:m-wang', role: 'building_steward', name: WANG.name, memberId: WANG.id },
} as unknown as Case;

describe('who may read the name of the resident who raised an issue', () => {
  test.each([
    ['the community admin', COMMUNITY_ADMIN, undefined, true],
    ['the street admin', STREET_ADMIN, undefined, true],
    ['the handler of the case it became', actorOf(WANG), held, true],
    ['a member of the community, not the handler', actorOf(ZHANG), held, false],
    ['the member who filed the case, not holding it', actorOf(LI), held, false],
    ['a member before any case exists', actorOf(WANG), undefined, false],
    ['another community’s admin', OTHER_COMMUNITY_ADMIN, undefined, false],
    ['a department', HOUSING_DEPT, held, false],
    ['a resident', REPORTER, held, false],
  ])('%s: %s', (_who, actor, caseOf, may) => {
    expect(maySeeRaiser(actor, meeting, caseOf)).toBe(may);
    const seen = issueAsSeen(actor, meeting, issue, caseOf);
    if (may) expect(seen).toEqual({ text: issue.text, raisedBy: '周大爷', raiserWithheld: false });
    else {
      expect(seen).toEqual({ text: '居民说3栋路灯不亮', raisedBy: RAISER_WITHHELD, raiserWithheld: true });
      expect(JSON.stringify(seen)).not.toContain('周大爷');
    }
  });

  test('an issue nobody was named for stays as it was', () => {
    expect(issueAsSeen(actorOf(ZHANG), meeting, { text: '垃圾站清运不及时' })).toEqual({ text: '垃圾站清运不及时', raiserWithheld: false });
    expect(issueAsSeen(actorOf(ZHANG), meeting, { text: '垃圾站', raisedBy: '  ' })).toEqual({ text: '垃圾站', raiserWithheld: false });
  });
});

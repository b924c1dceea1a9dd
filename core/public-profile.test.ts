import { rosterFace, updateProfile } from './public-profile';

describe('what the board shows of a member', () => {
  const member = { name: '张建国' };
  const rows: [string, Parameters<typeof rosterFace>[1], ReturnType<typeof rosterFace>][] = [
    ['no choice made: surname only', undefined, { name: '张**' }],
    ['no consent to the full name', { showFullName: false, workPhone: '13900000001' }, { name: '张**', workPhone: '13900000001' }],
    ['consent to the full name', { showFullName: true }, { name: '张建国' }],
    [
      'a photo and words not yet approved stay off the board',
      { showFullName: true, photo: { value: 'p.jpg', approved: false }, commitment: { value: '有事找我', approved: false } },
      { name: '张建国' },
    ],
    [
      'approved ones show',
      { showFullName: true, photo: { value: 'p.jpg', approved: true }, commitment: { value: '有事找我', approved: true } },
      { name: '张建国', photo: 'p.jpg', commitment: '有事找我' },
    ],
  ];
  test.each(rows)('%s', (_name, profile, face) => expect(rosterFace(member, profile)).toEqual(face));
});

describe('a member changes their choices', () => {
  const approved = {
    showFullName: true,
    workPhone: '13900000001',
    photo: { value: 'p.jpg', approved: true },
    commitment: { value: '有事找我', approved: true },
  };
  const rows: [string, Parameters<typeof updateProfile>[1], ReturnType<typeof updateProfile>][] = [
    ['nothing changed keeps the approvals', {}, approved],
    ['the same words keep their approval', { commitment: ' 有事找我 ' }, approved],
    ['new words wait for approval', { commitment: '随叫随到' }, { ...approved, commitment: { value: '随叫随到', approved: false } }],
    ['a new photo waits for approval', { photo: 'q.jpg' }, { ...approved, photo: { value: 'q.jpg', approved: false } }],
    ['null removes', { photo: null, workPhone: null }, { showFullName: true, commitment: approved.commitment }],
    ['withdrawing consent to the name', { showFullName: false }, { ...approved, showFullName: false }],
  ];
  test.each(rows)('%s', (_name, change, next) => expect(updateProfile(approved, change)).toEqual(next));

  test('a first choice starts from surname only', () => {
    expect(updateProfile(undefined, { commitment: '有事找我' })).toEqual({
      showFullName: false,
      commitment: { value: '有事找我', approved: false },
    });
  });
});

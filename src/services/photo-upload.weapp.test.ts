/**
 * The weapp uploads (resident report photos and staff photos) go under the caller's own folder
 * from `resident.profile`, fetched once and kept; without a folder nothing is uploaded and the
 * person is asked to retry.
 */
export {};

const uploadFile = jest.fn();
const chooseMedia = jest.fn();
const callFunction = jest.fn();

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { cloud: { uploadFile: (o: unknown) => uploadFile(o) }, chooseMedia: (o: unknown) => chooseMedia(o) },
}));
jest.mock('./cloud', () => ({ callFunction: (...a: unknown[]) => callFunction(...a) }));

type Modules = { photo: typeof import('./photo-upload.weapp'); staff: typeof import('../utils/staff-photo.weapp') };
/** Fresh modules, so the profile store starts empty each time. */
const load = (): Modules => {
  let m: Modules | undefined;
  jest.isolateModules(() => {
    m = {
      photo: jest.requireActual<Modules['photo']>('./photo-upload.weapp'),
      staff: jest.requireActual<Modules['staff']>('../utils/staff-photo.weapp'),
    };
  });
  return m!;
};

const PREFIX = 'case-photos/0123abcd4567ef89/';
const profile = (extra: Record<string, unknown> = {}) => ({
  openid: 'o1',
  name: '',
  roles: ['resident'],
  isMember: false,
  isAdmin: false,
  memberships: [],
  ...extra,
});

beforeEach(() => {
  jest.clearAllMocks();
  uploadFile.mockImplementation(async ({ cloudPath }: { cloudPath: string }) => ({ fileID: `cloud://env-1.bucket-1/${cloudPath}` }));
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

test('居民照片传到本人目录下；资料只取一次', async () => {
  callFunction.mockResolvedValue(profile({ uploadPrefix: PREFIX }));
  const { photo } = load();
  const [a, b] = await Promise.all([photo.uploadPhoto('wxfile://tmp/a.png'), photo.uploadPhoto('wxfile://tmp/b.jpeg')]);
  expect(a).toMatch(/^cloud:\/\/env-1\.bucket-1\/case-photos\/0123abcd4567ef89\/\d{8}\/[0-9a-z]{16}\.png$/);
  expect(b).toMatch(/^cloud:\/\/env-1\.bucket-1\/case-photos\/0123abcd4567ef89\/\d{8}\/[0-9a-z]{16}\.jpg$/);
  await photo.uploadPhoto('wxfile://tmp/c.jpg');
  expect(callFunction).toHaveBeenCalledTimes(1);
  expect(callFunction).toHaveBeenCalledWith('resident', { action: 'profile' });
});

test('不知道目录时不上传，请用户重试；重试时再取一次资料', async () => {
  callFunction.mockResolvedValueOnce(profile());
  const { photo } = load();
  await expect(photo.uploadPhoto('wxfile://tmp/a.jpg')).rejects.toThrow('暂时无法上传照片（未取得上传位置），请稍后重试');
  expect(uploadFile).not.toHaveBeenCalled();
  expect(callFunction).toHaveBeenCalledTimes(1);
  callFunction.mockResolvedValueOnce(profile({ uploadPrefix: PREFIX }));
  await expect(photo.uploadPhoto('wxfile://tmp/a.jpg')).resolves.toContain(PREFIX);
  expect(callFunction).toHaveBeenCalledTimes(2);
});

test('资料取不到时不上传', async () => {
  callFunction.mockRejectedValue(new Error('offline'));
  const { photo } = load();
  await expect(photo.uploadPhoto('wxfile://tmp/a.jpg')).rejects.toThrow('未取得上传位置');
  expect(uploadFile).not.toHaveBeenCalled();
});

test('工作人员拍的照片也传到本人目录下；没有目录时不上传', async () => {
  chooseMedia.mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://tmp/x.JPG' }, { tempFilePath: 'wxfile://tmp/y.webp' }] });
  callFunction.mockResolvedValueOnce(profile({ uploadPrefix: PREFIX }));
  const first = load();
  const ids = await first.staff.choosePhotos(9);
  expect(ids).toHaveLength(2);
  expect(uploadFile.mock.calls.map(([o]) => (o as { cloudPath: string }).cloudPath)).toEqual([
    expect.stringMatching(/^case-photos\/0123abcd4567ef89\/\d{8}\/[0-9a-z]{16}\.jpg$/),
    expect.stringMatching(/^case-photos\/0123abcd4567ef89\/\d{8}\/[0-9a-z]{16}\.webp$/),
  ]);

  uploadFile.mockClear();
  callFunction.mockResolvedValue(profile());
  const second = load();
  await expect(second.staff.choosePhotos(9)).rejects.toThrow('未取得上传位置');
  expect(uploadFile).not.toHaveBeenCalled();
});

/**
 * In WeChat, photos and exports live in private storage: the app shows and opens them through
 * the temporary URLs the functions send with their answers, and falls back to the file id (the
 * creator's own uploads) when it has none or the URL has run out.
 */
import Taro from '@tarojs/taro';
import { unwrapEnvelope } from './envelope';
import { displayUrl, fileUrlOf, rememberFileUrls } from './file-urls';
import { photoUrl } from './photo-upload.weapp';
import { photoSrc } from '../utils/staff-photo.weapp';
import { openExport } from '../utils/staff-export.weapp';

jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: { downloadFile: jest.fn(), openDocument: jest.fn(), cloud: { downloadFile: jest.fn(), uploadFile: jest.fn() } },
}));
jest.mock('../state/upload-prefix', () => ({ currentUploadPrefix: jest.fn() }));

const taro = Taro as unknown as {
  downloadFile: jest.Mock;
  openDocument: jest.Mock;
  cloud: { downloadFile: jest.Mock };
};

const PHOTO = 'cloud://env-1.bucket/case-photos/0123abcd4567ef89/20261123/a.jpg';
const URL = 'https://env-1.tcb.qcloud.la/case-photos/0123abcd4567ef89/20261123/a.jpg?sign=x&t=1';

beforeEach(() => jest.clearAllMocks());

test('答复里的 fileUrls 被记下，照片显示用临时链接（居民页与工作人员页）', () => {
  const data = unwrapEnvelope<{ case: { photos: { fileId: string }[] } }>({
    ok: true,
    data: { case: { photos: [{ fileId: PHOTO }] } },
    fileUrls: { [PHOTO]: URL },
  });
  expect(data.case.photos[0]!.fileId).toBe(PHOTO);
  expect(photoUrl(PHOTO, 'C1')).toBe(URL);
  expect(photoSrc(PHOTO)).toBe(URL);
});

test('没有链接的（本人刚传的照片）用文件 ID；链接快过期时不再用', () => {
  const own = 'cloud://env-1.bucket/case-photos/0123abcd4567ef89/20261123/own.jpg';
  expect(displayUrl(own)).toBe(own);
  const t0 = 1_000_000;
  rememberFileUrls({ [own]: 'https://tmp.test/own.jpg' }, t0);
  expect(fileUrlOf(own, t0 + 500_000)).toBe('https://tmp.test/own.jpg');
  expect(fileUrlOf(own, t0 + 541_000)).toBeUndefined();
  rememberFileUrls({ [own]: 'http://plain.test/own.jpg' }, t0);
  expect(fileUrlOf(own, t0)).toBeUndefined();
});

test('导出文件经临时链接下载后打开，不用 cloud.downloadFile（存储不公开）', async () => {
  const file = 'cloud://env-1.bucket/exports/o-admin/1-cases.xlsx';
  unwrapEnvelope({ ok: true, data: { fileId: file }, fileUrls: { [file]: 'https://tmp.test/1-cases.xlsx' } });
  taro.downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'wxfile://tmp/1.xlsx' });
  taro.openDocument.mockResolvedValue({});
  await openExport({ fileId: file, fileName: '1-cases.xlsx' });
  expect(taro.downloadFile).toHaveBeenCalledWith({ url: 'https://tmp.test/1-cases.xlsx' });
  expect(taro.cloud.downloadFile).not.toHaveBeenCalled();
  expect(taro.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp/1.xlsx' }));
});

test('临时链接下载被拒（403）时说清楚，不打开空文件', async () => {
  const file = 'cloud://env-1.bucket/exports/o-admin/2-cases.xlsx';
  rememberFileUrls({ [file]: 'https://tmp.test/2-cases.xlsx' });
  taro.downloadFile.mockResolvedValue({ statusCode: 403, tempFilePath: '' });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  await expect(openExport({ fileId: file, fileName: '2-cases.xlsx' })).rejects.toThrow('文件下载失败');
  expect(taro.openDocument).not.toHaveBeenCalled();
});

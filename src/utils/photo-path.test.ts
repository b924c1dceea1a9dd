import { ApiError } from '../services/api-error';
import { NO_UPLOAD_PREFIX, photoCloudPath, photoExtension, randomName } from './photo-path';

const PREFIX = 'case-photos/0123abcd4567ef89/';

describe('照片在云存储里的位置', () => {
  test('本人目录 + 中国日期 + 随机名 + 扩展名', () => {
    // 2026-11-23 23:30 in China is still the 23rd there, though the 23rd's UTC evening.
    expect(photoCloudPath(PREFIX, new Date('2026-11-23T15:30:00Z'), 'k3j9x0q1w2e3r4t5', 'jpg')).toBe(
      'case-photos/0123abcd4567ef89/20261123/k3j9x0q1w2e3r4t5.jpg',
    );
    expect(photoCloudPath(PREFIX, new Date('2026-11-23T16:30:00Z'), 'k3j9x0q1w2e3r4t5', 'png')).toBe(
      'case-photos/0123abcd4567ef89/20261124/k3j9x0q1w2e3r4t5.png',
    );
  });

  test.each([[undefined], [''], ['case-photos'], ['/case-photos/x/'], ['case-photos/../x/'], ['case-photos//']])(
    '没有或不像目录的前缀 %p：不上传，请用户重试',
    (prefix) => {
      const run = () => photoCloudPath(prefix, new Date('2026-11-23T01:00:00Z'), 'k3j9x0q1w2e3r4t5', 'jpg');
      expect(run).toThrow(ApiError);
      expect(run).toThrow(NO_UPLOAD_PREFIX);
    },
  );

  test('随机名只许小写字母数字', () => {
    expect(() => photoCloudPath(PREFIX, new Date(), '../x', 'jpg')).toThrow(ApiError);
    expect(() => photoCloudPath(PREFIX, new Date(), 'short', 'jpg')).toThrow(ApiError);
  });

  test('随机名：16 位 [0-9a-z]', () => {
    expect(randomName()).toMatch(/^[0-9a-z]{16}$/);
    expect(randomName(() => 0)).toBe('0000000000000000');
    expect(randomName(() => 0.999999, 4)).toBe('zzzz');
  });

  test('扩展名：png、webp 保留，其余按 jpg', () => {
    expect(photoExtension('wxfile://tmp_ab.PNG')).toBe('png');
    expect(photoExtension('http://tmp/ab.webp')).toBe('webp');
    expect(photoExtension('http://tmp/ab.jpeg')).toBe('jpg');
    expect(photoExtension('http://tmp/ab.heic')).toBe('jpg');
    expect(photoExtension('http://tmp/ab')).toBe('jpg');
  });
});

import { createHmac } from 'node:crypto';
import { isUnderPrefix, uploadPrefix, uploadTag } from './upload-tag';

const SECRET = 'unit-test-secret-0123456789abcdef0123';
const BUCKET = '7072-prod-1a2b3c-1300000000';

describe('上传目录标签', () => {
  it('是 HMAC-SHA256(密钥, openid) 的前 16 位十六进制，稳定、因人因密钥而异', () => {
    const tag = uploadTag(SECRET, 'o-abc');
    expect(tag).toBe(createHmac('sha256', SECRET).update('o-abc').digest('hex').slice(0, 16));
    expect(tag).toMatch(/^[0-9a-f]{16}$/);
    expect(uploadTag(SECRET, 'o-abc')).toBe(tag);
    expect(uploadTag(SECRET, 'o-abd')).not.toBe(tag);
    expect(uploadTag(`${SECRET}x`, 'o-abc')).not.toBe(tag);
    expect(uploadPrefix(SECRET, 'o-abc')).toBe(`case-photos/${tag}/`);
  });
});

describe('文件是否在本人目录下', () => {
  const prefix = uploadPrefix(SECRET, 'o-abc');
  const id = (path: string, env = 'prod-1a2b3c') => `cloud://${env}.${BUCKET}/${path}`;

  it('本环境、本人目录下的图片文件', () => {
    expect(isUnderPrefix(id(`${prefix}20261123/k3j9x0q1w2e3r4t5.jpg`), prefix, 'prod-1a2b3c')).toBe(true);
    expect(isUnderPrefix(id(`${prefix}20261123/k3j9x0q1w2e3r4t5.webp`), prefix, 'prod-1a2b3c')).toBe(true);
  });

  it('不知道环境时不比较环境，其余照样检查', () => {
    expect(isUnderPrefix(id(`${prefix}20261123/a.png`, 'any-env'), prefix)).toBe(true);
    expect(isUnderPrefix(id(`${prefix}../x/a.png`, 'any-env'), prefix)).toBe(false);
  });

  it.each([
    ['其他环境', id(`${prefix}20261123/a.jpg`, 'test-9z8y7x')],
    ['别人目录', id(`${uploadPrefix(SECRET, 'o-other')}20261123/a.jpg`)],
    ['上一级', id(`${prefix}../${uploadTag(SECRET, 'o-other')}/a.jpg`)],
    ['中间的 ..', id(`${prefix}20261123/../a.jpg`)],
    ['编码过的 ..', id(`${prefix}%2e%2e/a.jpg`)],
    ['反斜杠', id(`${prefix}20261123\\a.jpg`)],
    ['空目录段', id(`${prefix}20261123//a.jpg`)],
    ['目录本身', id(prefix)],
    ['不是图片', id(`${prefix}20261123/a.html`)],
    ['没有存储桶', `cloud://prod-1a2b3c/${prefix}20261123/a.jpg`],
    ['不是云文件', `${prefix}20261123/a.jpg`],
    ['前缀只是路径的一部分', id(`x/${prefix}20261123/a.jpg`)],
  ])('%s：拒绝', (_why, fileId) => {
    expect(isUnderPrefix(fileId, prefix, 'prod-1a2b3c')).toBe(false);
  });

  it('前缀本身不像目录时一律拒绝', () => {
    expect(isUnderPrefix(id('case-photos/x.jpg'), '', 'prod-1a2b3c')).toBe(false);
    expect(isUnderPrefix(id('case-photos/x.jpg'), 'case-photos', 'prod-1a2b3c')).toBe(false);
  });
});

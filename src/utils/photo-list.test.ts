import { MAX_PHOTOS, photosProblem, roomLeft, summarize, updatePhoto, type PhotoItem } from './photo-list';

const photo = (key: string, status: PhotoItem['status'], fileId?: string): PhotoItem => ({ key, preview: `blob:${key}`, status, fileId });

describe('上报照片', () => {
  test('最多9张，满了就不能再加', () => {
    expect(MAX_PHOTOS).toBe(9);
    expect(roomLeft([])).toBe(9);
    expect(roomLeft(Array.from({ length: 9 }, (_, i) => photo(String(i), 'done', `f${i}.jpg`)))).toBe(0);
  });

  test('只发送已传好的照片，按显示的顺序', () => {
    const items = [photo('a', 'done', 'a.jpg'), photo('b', 'uploading'), photo('c', 'done', 'c.jpg'), photo('d', 'failed')];
    expect(summarize(items)).toEqual({ fileIds: ['a.jpg', 'c.jpg'], uploading: 1, failed: 1 });
  });

  test('还在上传或传失败时说清楚怎么办', () => {
    expect(photosProblem([photo('a', 'uploading'), photo('b', 'uploading')])).toBe('还有2张照片正在上传，请稍等');
    expect(photosProblem([photo('a', 'failed')])).toMatch(/没有传上去.*重试.*删掉/);
    expect(photosProblem([photo('a', 'done', 'a.jpg')])).toBeUndefined();
    expect(photosProblem([])).toBeUndefined();
  });

  test('一张传好了不影响别的', () => {
    const items = [photo('a', 'uploading'), photo('b', 'uploading')];
    expect(updatePhoto(items, 'b', { status: 'done', fileId: 'b.jpg' })).toEqual([photo('a', 'uploading'), photo('b', 'done', 'b.jpg')]);
  });
});

import { reportPhotos, resultPhotos } from './case-photos';

const photos = [
  { fileId: 'a.jpg', stage: 'before' },
  { fileId: 'b.jpg', stage: 'before' },
  { fileId: 'c.jpg', stage: 'after' },
];

test('上报时的照片：不含后来补充的', () => {
  const timeline = [{ action: 'submit' }, { action: 'supplement', photos: ['b.jpg'] }, { action: 'resolve', photos: ['c.jpg'] }];
  expect(reportPhotos(photos, timeline)).toEqual(['a.jpg']);
});

test('办理后的照片', () => {
  expect(resultPhotos(photos)).toEqual(['c.jpg']);
});

import { makeIdFactory } from './deps';

describe('makeIdFactory', () => {
  const at = new Date('2026-12-07T10:30:05.123Z'); // 18:30:05 in China

  test('China-local time, a count, then six random characters', () => {
    const newId = makeIdFactory(() => at);
    expect(newId('C')).toMatch(/^C202612071830050001[0-9a-z]{6}$/);
    expect(newId('C')).toMatch(/^C202612071830050002[0-9a-z]{6}$/);
  });

  test("one process's ids increase within a second, whatever the random tail", () => {
    // The worst tail for order: each id's random part is smaller than the one before.
    let r = 1;
    const newId = makeIdFactory(
      () => at,
      () => (r = Math.max(0, r - 0.001)),
    );
    const ids = Array.from({ length: 2000 }, () => newId('C'));
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('two processes in the same second still differ by their random tails', () => {
    const a = makeIdFactory(() => at);
    const b = makeIdFactory(() => at);
    const fromA = new Set(Array.from({ length: 500 }, () => a('C')));
    for (let i = 0; i < 500; i++) expect(fromA.has(b('C'))).toBe(false);
  });
});

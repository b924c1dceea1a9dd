import { ELDER_SCALE_FROM, elderModeFromScale } from './elder-mode';

describe('长辈版 from WeChat’s font scale', () => {
  it('opens in 长辈版 when WeChat’s text is scaled up (关怀模式, larger font sizes)', () => {
    expect(elderModeFromScale(ELDER_SCALE_FROM)).toBe(true);
    expect(elderModeFromScale(1.25)).toBe(true);
    expect(elderModeFromScale(1.4)).toBe(true);
  });

  it('stays standard at the standard size, a slightly larger one, or when WeChat does not say', () => {
    expect(elderModeFromScale(1)).toBe(false);
    expect(elderModeFromScale(1.1)).toBe(false);
    expect(elderModeFromScale(0.9)).toBe(false);
    expect(elderModeFromScale(undefined)).toBe(false);
    expect(elderModeFromScale(Number.NaN)).toBe(false);
  });
});

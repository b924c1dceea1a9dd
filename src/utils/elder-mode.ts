/**
 * WeChat's 关怀模式 and its larger font sizes scale text by `fontSizeScaleFactor` (1 is the
 * standard size; 关怀模式 starts at about 1.2). From this factor on, the app opens in 长辈版.
 */
export const ELDER_SCALE_FROM = 1.15;

export function elderModeFromScale(factor: number | undefined): boolean {
  return typeof factor === 'number' && Number.isFinite(factor) && factor >= ELDER_SCALE_FROM;
}

/**
 * Whether the app can offer 「在地图上选位置」. The weapp always can (wx.chooseLocation). In H5,
 * Taro's `chooseLocation` opens Tencent's map picker and needs a key for it: `LOCATION_APIKEY`,
 * defined at build time from TENCENT_MAP_KEY (config/index.ts) or set on the page by whoever
 * serves it. Without a key H5 offers the building list only, as before.
 */
export function canPickOnMap(isWeapp: boolean): boolean {
  return isWeapp || (typeof LOCATION_APIKEY === 'string' && LOCATION_APIKEY.length > 0);
}

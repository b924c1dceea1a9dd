/** coordtransform ships no types: the function the app uses, [lng, lat] in and out. */
declare module 'coordtransform' {
  export function wgs84togcj02(lng: number, lat: number): [number, number];
}

import type { ICON_FILES, IconName, IconTone } from './files';

/** The tones an icon is drawn in (src/assets/icons/icons.json lists them; npm run icons makes the files). */
export type ToneOf<N extends IconName> = keyof (typeof ICON_FILES)[N];

/** The icons drawn in every one of the tones `T`: what a prop that picks the tone itself accepts. */
export type IconWith<T extends IconTone> = { [N in IconName]: [T] extends [ToneOf<N>] ? N : never }[IconName];

import type { ReactNode } from 'react';
import { Image, Text } from '@tarojs/components';
import { decorative } from '../../utils/a11y';
import { ICON_FILES, type IconName, type IconTone } from './files';
import './index.scss';

import type { IconWith, ToneOf } from './types';

export type { IconName, IconTone } from './files';
export type { IconWith, ToneOf } from './types';

/**
 * An icon of the app's set (lucide, SVG files in src/assets/icons): as tall as the text beside it
 * unless `className` sizes it. Icons replace emoji, which show as boxes where no emoji font exists.
 * The colour is baked into the file (an image cannot take the text colour), so each use names the
 * tone of the text it stands beside. Every icon stands beside a text that says what it means (or
 * inside a button or choice named by `asButton` / `asRadio`), so it is hidden from screen readers:
 * 读屏 would otherwise read 「图片」 before the text.
 */
export function Icon<N extends IconName>({ name, tone, className }: { name: N; tone: ToneOf<N>; className?: string }) {
  return <IconOf name={name} tone={tone as IconTone} className={className} />;
}

/**
 * The same, unchecked: for a component whose own prop types already hold that the icon exists in
 * that tone (BigButton's `icon` is an `IconWith<tone of its kind>`).
 */
export function IconOf({ name, tone, className }: { name: IconName; tone: IconTone; className?: string }) {
  const src = (ICON_FILES[name] as Partial<Record<IconTone, string>>)[tone];
  return <Image className={`icon ${className ?? ''}`} src={src ?? ''} data-icon={name} {...decorative()} />;
}

/** Whether a string (from data) names an icon of the set drawn in `tone`. */
export function isIconWith<T extends IconTone>(s: string, tone: T): s is IconWith<T> {
  return Object.prototype.hasOwnProperty.call(ICON_FILES, s) && tone in (ICON_FILES as Record<string, object>)[s]!;
}

/**
 * A glyph mark that only decorates what its row or named choice already says (›, ▾, ◉, ✓ before a
 * chosen name): shown, but hidden from screen readers like an icon.
 */
export function Glyph({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <Text className={className} {...decorative()}>
      {children}
    </Text>
  );
}

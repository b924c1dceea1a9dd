import type { Urgency } from '../../utils/staff-deadline';
import type { IconTone } from './files';
import type { IconWith } from './types';

/** The icon beside each of the five roles (公示牌, 首页, 我的). */
export const ROLE_ICON: Readonly<Record<string, IconWith<'primary'>>> = {
  party_leader: 'flag',
  resident_leader: 'handshake',
  grid_worker: 'compass',
  owners_committee: 'building-2',
  building_steward: 'wrench',
};

export function roleIcon(role: string): IconWith<'primary'> {
  return ROLE_ICON[role] ?? 'user';
}

/**
 * Categories carry an `icon` in their data: the street's defaults (core/route-case.ts) and the
 * admins' own are emoji. The app draws the icon of its set that stands for each default; an icon
 * name of the set is taken as it is. Anything else is shown as the category's first character.
 * (The keys are data to match, not icons the app draws.)
 */
const CATEGORY_ICON: Readonly<Record<string, IconWith<'primary'>>> = {
  '🔧': 'wrench',
  '🧹': 'brush-cleaning',
  '🗑️': 'trash-2',
  '🗑': 'trash-2',
  '⚠️': 'triangle-alert',
  '⚠': 'triangle-alert',
  '📋': 'clipboard-list',
  '🤝': 'handshake',
  '🏠': 'house',
  '🏢': 'building-2',
  '🪑': 'sofa',
  '❤️': 'heart',
  '❤': 'heart',
  '📢': 'megaphone',
  '💬': 'message-circle',
  '💡': 'lightbulb',
};

export function categoryIcon(icon: string | undefined, drawable: (s: string) => s is IconWith<'primary'>): IconWith<'primary'> | undefined {
  if (!icon) return undefined;
  if (drawable(icon)) return icon;
  return CATEGORY_ICON[icon.trim()];
}

/** A staff countdown's icon, in the colour of its badge (staff-task-card and staff-case-summary styles). */
export const URGENCY_TONE = { overdue: 'on-fill', soon: 'warn', normal: 'ok', none: 'muted' } as const satisfies Record<Urgency, IconTone>;

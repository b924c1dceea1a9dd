import { createElement } from 'react';
import { ICON_FILES } from '../icon/files';
import type { CallLinkProps } from './index';

/** H5: a plain `tel:` link, so the phone's dialer opens (see index.tsx for the weapp). */
export function CallLink({ phone, label, testId, className = 'call-link', tone = 'primary' }: CallLinkProps) {
  const icon = createElement('img', { className: 'icon', src: ICON_FILES.phone[tone], alt: '', 'data-icon': 'phone' });
  return createElement('a', { className, href: `tel:${phone}`, 'data-testid': testId }, icon, label ?? phone);
}

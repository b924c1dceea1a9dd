import { createElement } from 'react';
import { ICON_FILES } from '../icon/files';

/** H5: a plain `tel:` link, so the phone's dialer opens (see index.tsx for the weapp). */
export function CallLink({ phone, label, testId }: { phone: string; label?: string; testId?: string }) {
  const icon = createElement('img', { className: 'icon', src: ICON_FILES.phone.primary, alt: '', 'data-icon': 'phone' });
  return createElement('a', { className: 'call-link', href: `tel:${phone}`, 'data-testid': testId }, icon, label ?? phone);
}

import { createElement } from 'react';

/** H5: a plain `tel:` link, so the phone's dialer opens (see index.tsx for the weapp). */
export function CallLink({ phone, label, testId }: { phone: string; label?: string; testId?: string }) {
  return createElement('a', { className: 'call-link', href: `tel:${phone}`, 'data-testid': testId }, `📞 ${label ?? phone}`);
}

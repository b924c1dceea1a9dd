/**
 * What a screen reader needs from a tappable View that is not a real button: its role and, where
 * its text alone would not say it (an icon, a glyph, a choice's state), a name.
 *
 * The weapp reads `aria-role` (WeChat's 读屏, base library 2.7.1+; the attributes reach the
 * templates through config/weapp-aria.ts); H5 reads the DOM's own `role`. Only the attributes
 * config/weapp-aria.json lists reach the weapp: on View the role, `aria-label`,
 * `aria-checked`, `aria-selected`, `aria-disabled` and `aria-live`; on Image (a photo to enlarge)
 * the role and `aria-label`; nothing on Text.
 */
export type A11yRole = 'button' | 'radio' | 'radiogroup' | 'checkbox' | 'group' | 'tab' | 'tablist' | 'alert';

/** A role for screen readers: weapp reads `aria-role`; in H5 the DOM's own `role`. */
export const roleOf = (role: A11yRole): Record<string, string> => (process.env.TARO_ENV === 'h5' ? { role } : { 'aria-role': role });

/** A button, named by `label` when its text is not enough (an icon, a glyph such as ×). */
export const asButton = (label?: string): Record<string, string> => ({ ...roleOf('button'), ...(label ? { 'aria-label': label } : {}) });

/** One choice of several of which one is on (满意 / 基本满意 / 不满意, a 社区): a radio button named `label`. */
export const asRadio = (on: boolean, label: string): Record<string, string | boolean> => ({
  ...roleOf('radio'),
  'aria-checked': on,
  'aria-label': label,
});

/** The row that holds radio buttons, named by what is asked (是否公开). */
export const asRadioGroup = (label: string): Record<string, string> => ({ ...roleOf('radiogroup'), 'aria-label': label });

/**
 * A message that must be read out as soon as it appears (a form's refusal, a failed submit): spread
 * it only on the node that shows the message, rendered only while there is one. H5's `role="alert"`
 * is assertive by itself; WeChat's 读屏 gets the role and `aria-live="assertive"`.
 */
export const asAlert = (): Record<string, string> =>
  process.env.TARO_ENV === 'h5' ? { role: 'alert' } : { 'aria-role': 'alert', 'aria-live': 'assertive' };

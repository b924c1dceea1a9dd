/**
 * What a screen reader needs from a tappable View that is not a real button: its role and, where
 * its text alone would not say it (an icon, a glyph, a choice's state), a name.
 *
 * The weapp reads `aria-role` (WeChat's 读屏, base library 2.7.1+; the attributes reach the
 * templates through config/weapp-aria.ts); H5 reads the DOM's own `role`. Only the attributes
 * config/weapp-aria.json lists reach the weapp: on View the role, `aria-label`,
 * `aria-checked`, `aria-selected`, `aria-disabled` and `aria-live`; on Image (a photo to enlarge)
 * the role, `aria-label` and `aria-hidden` (an icon); on Text `aria-hidden` (a glyph mark); on
 * Input and Textarea `aria-label`, `aria-required`, `aria-invalid` and `aria-describedby`.
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

/**
 * A mark that only decorates what its button or row already says (an icon beside its text, a ›,
 * a ✓ before a chosen name): hidden from screen readers, so 读屏 does not read 「图标」 before the
 * text. Only on an Icon (Image) or a Text: the weapp binds `aria-hidden` on those two alone. An
 * icon that is the only content of a button is not decorative: name the button (`asButton`).
 */
export const decorative = (): Record<string, string | boolean> =>
  process.env.TARO_ENV === 'h5' ? { 'aria-hidden': 'true' } : { 'aria-hidden': true };

/** What a screen reader is told about a text field (see `asField`). */
export interface FieldA11y {
  /** The field's name (its label, or the heading it sits under). */
  name: string;
  /** The control's id (for `<label for>` and to be referred to); optional. */
  id?: string;
  required?: boolean;
  /** The field's problem in Chinese, while there is one: the field is then invalid. */
  error?: string;
  /** Ids of the nodes that describe the field (its hint, the line showing its error). */
  describedBy?: (string | false | undefined)[];
  /** A visible `<label for>` names the control in H5, so no `aria-label` there. @default false */
  labelled?: boolean;
}

/**
 * What WeChat's 读屏 should say for a field: its name, 必填 and, while there is one, the error.
 * It is the weapp field's `aria-label`, because a native input may ignore `aria-required` /
 * `aria-invalid` / `aria-describedby` and the label binding tells neither (decisions.md).
 */
export const spokenField = ({ name, required, error }: Pick<FieldA11y, 'name' | 'required' | 'error'>): string =>
  [name, required ? '必填' : '', error ?? ''].filter(Boolean).join('，');

/**
 * A text field's required, invalid and described-by state for screen readers. H5: Taro renders a
 * custom element around the real `<input>`/`<textarea>`, so the id and aria go on the real one
 * (`nativeProps`). Weapp: the attributes on the component (config/weapp-aria.json lists them on
 * Input and Textarea) and an `aria-label` that says them in words (`spokenField`).
 */
export function asField(field: FieldA11y): Record<string, unknown> {
  const { id, required = false, error, labelled = false } = field;
  const describedBy = (field.describedBy ?? []).filter((d): d is string => typeof d === 'string' && d !== '').join(' ');
  if (process.env.TARO_ENV === 'h5') {
    return {
      nativeProps: {
        ...(id ? { id } : {}),
        ...(labelled ? {} : { 'aria-label': field.name }),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(required ? { 'aria-required': 'true' } : {}),
        'aria-invalid': error ? 'true' : 'false',
      },
    };
  }
  return {
    ...(id ? { id } : {}),
    'aria-label': spokenField(field),
    'aria-required': required,
    'aria-invalid': Boolean(error),
    'aria-describedby': describedBy,
  };
}

/** A check box (只看超时, 选中这件, 自动公开): on or off by itself, named `label`. */
export const asCheckbox = (on: boolean, label: string): Record<string, string | boolean> => ({
  ...roleOf('checkbox'),
  'aria-checked': on,
  'aria-label': label,
});

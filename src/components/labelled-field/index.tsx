import type { ReactNode } from 'react';
import { Input, Label, Text, Textarea, View } from '@tarojs/components';
import { asAlert, asField } from '../../utils/a11y';
import { chars } from '../../utils/staff-form';
import '../staff-ui/index.scss';
import './index.scss';

/**
 * One labelled field of a staff form: the label (tied to the control, so tapping it focuses the
 * control and a screen reader names the control by it), an optional 必填 mark, the control, a
 * characters-left counter, a hint and the field's own Chinese error sentence. The control keeps
 * its `placeholder` and `data-testid` exactly as given: journeys and specs find fields by them.
 */
interface FieldProps {
  /** What the field is called, shown above it. */
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** data-testid of the control; the field's ids derive from it. */
  testId: string;
  /** Where one testId repeats (one field per row), what makes this one's ids unique. */
  instance?: string | number;
  placeholder?: string;
  maxlength?: number;
  /** Show `typed/maxlength` under the control (needs `maxlength`). @default false */
  counter?: boolean;
  /** Shows 必填 after the label. @default false */
  required?: boolean;
  /** A line under the control (what is asked, an example). */
  hint?: ReactNode;
  /** This field's problem, in Chinese; shown under it and marks the control invalid. */
  error?: string;
  disabled?: boolean;
  /** Extra classes on the control (page layout). */
  className?: string;
  /** Shown on the control's row, after it (a button, unit chips); the control takes the rest. */
  beside?: ReactNode;
}

/**
 * The control's id and what ties it to its label, hint and error: in H5 on the real control
 * (`<label for>` names it there); in the weapp on the component, with an `aria-label` that says
 * the label, 必填 and the error in words (`asField`).
 */
function controlProps(id: string, { label, required, error, hint }: Pick<FieldProps, 'label' | 'required' | 'error' | 'hint'>) {
  return asField({
    id,
    name: label,
    required,
    error,
    describedBy: [error && `${id}-error`, hint ? `${id}-hint` : undefined],
    labelled: true,
  });
}

function Field({ id, props, children }: { id: string; props: FieldProps; children: ReactNode }) {
  const { label, required, maxlength, counter, value, hint, error, testId, beside } = props;
  return (
    <View className={`labelled-field ${error ? 'labelled-field--invalid' : ''}`}>
      <Label className="labelled-field__label" for={id} data-testid={`${testId}-label`}>
        {label}
        {required ? <Text className="labelled-field__required">必填</Text> : null}
      </Label>
      {beside ? (
        <View className="labelled-field__row">
          {children}
          {beside}
        </View>
      ) : (
        children
      )}
      {counter && maxlength ? (
        <View className="staff-form__count" data-testid={`${testId}-count`}>
          {chars(value)}/{maxlength}
        </View>
      ) : null}
      {hint ? (
        <View className="labelled-field__hint" id={`${id}-hint`}>
          {hint}
        </View>
      ) : null}
      {error ? (
        <View className="labelled-field__error" id={`${id}-error`} data-testid={`${testId}-error`} {...asAlert()}>
          {error}
        </View>
      ) : null}
    </View>
  );
}

const fieldId = ({ testId, instance }: FieldProps) => (instance === undefined ? `field-${testId}` : `field-${testId}-${instance}`);

/** What only a one-line field takes. */
interface InputOnly {
  type?: InputType;
  /** The keyboard's confirm key (e.g. 搜索) and what it does. */
  confirmType?: 'search' | 'done' | 'go' | 'next' | 'send';
  onConfirm?: () => void;
}

function LabelledControl(props: FieldProps & InputOnly & { multiline: boolean; autoHeight?: boolean }) {
  const id = fieldId(props);
  const control = {
    ...controlProps(id, props),
    value: props.value,
    maxlength: props.maxlength,
    placeholder: props.placeholder,
    disabled: props.disabled,
    onInput: (e: { detail: { value: string } }) => props.onChange(e.detail.value),
    'data-testid': props.testId,
  };
  return (
    <Field id={id} props={props}>
      {props.multiline ? (
        <Textarea {...control} autoHeight={props.autoHeight} className={`staff-form__textarea ${props.className ?? ''}`} />
      ) : (
        <Input
          {...control}
          type={props.type}
          confirmType={props.confirmType}
          onConfirm={props.onConfirm ? () => props.onConfirm?.() : undefined}
          className={`staff-form__input ${props.className ?? ''}`}
        />
      )}
    </Field>
  );
}

type InputType = 'text' | 'number' | 'digit' | 'idcard';

/** A one-line text field. */
export const LabelledInput = (props: FieldProps & InputOnly) => <LabelledControl {...props} multiline={false} />;

/** A multi-line text field (`autoHeight`: grows with its text). */
export const LabelledTextarea = (props: FieldProps & { autoHeight?: boolean }) => <LabelledControl {...props} multiline />;

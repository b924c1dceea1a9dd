import type { ReactNode } from 'react';
import { BigButton } from '../big-button';
import { ErrorLine } from '../notice';
import type { Submit } from '../../hooks/use-submit';

/**
 * A staff form's error line and submit button over one `useSubmit`: the error above the button
 * (with `errorTestId`), the button disabled and showing `busyText` while the call runs.
 */
export function SubmitButton({
  submit,
  onClick,
  busyText,
  testId,
  errorTestId,
  kind = 'primary',
  disabled = false,
  children,
}: {
  submit: Pick<Submit, 'busy' | 'error'>;
  onClick: () => void;
  /** What the button says while the call runs (正在保存…). @default its label */
  busyText?: string;
  testId: string;
  /** data-testid of the error line; without it the page shows `submit.error` itself. */
  errorTestId?: string;
  kind?: 'primary' | 'secondary';
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <>
      {errorTestId ? <ErrorLine message={submit.error} testId={errorTestId} /> : null}
      <BigButton kind={kind} onClick={onClick} disabled={submit.busy || disabled} testId={testId}>
        {submit.busy && busyText ? busyText : children}
      </BigButton>
    </>
  );
}

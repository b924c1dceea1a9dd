import { useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { errorMessage } from '../../services/api-error';
import { textProblem } from '../../utils/staff-form';
import { BigButton } from '../big-button';
import { LabelledTextarea } from '../labelled-field';
import { ErrorLine } from '../notice';
import { StaffPhotoPicker } from '../staff-photos';
import '../staff-ui/index.scss';
import './index.scss';

interface StaffActionFormProps {
  title: string;
  /** What the text is called in messages (理由, 办理结果 …). */
  label: string;
  placeholder: string;
  /** @default 200 */
  max?: number;
  /** Whether the text may be left empty. @default false */
  optionalText?: boolean;
  /** Photos: none, optional or at least one. @default 'none' */
  photos?: 'none' | 'optional' | 'required';
  photoHint?: string;
  submitText: string;
  /** Anything chosen above the text (a role, a department …). */
  extra?: ReactNode;
  /** A problem with `extra`, checked before sending. */
  extraProblem?: string;
  onSubmit: (text: string, photos: string[]) => Promise<void>;
  onCancel: () => void;
  testId: string;
}

/**
 * One action that needs words (and maybe photos): 进展, 办结, 转派, 吹哨, 不予受理 … Everything typed
 * stays after a failure, so the next tap retries it.
 */
export function StaffActionForm({
  title,
  label,
  placeholder,
  max = 200,
  optionalText = false,
  photos = 'none',
  photoHint,
  submitText,
  extra,
  extraProblem,
  onSubmit,
  onCancel,
  testId,
}: StaffActionFormProps) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    if (busy) return;
    const problem =
      extraProblem ??
      (optionalText && !text.trim() ? undefined : textProblem(text, label, max)) ??
      (photos === 'required' && files.length === 0 ? '请至少上传一张照片' : undefined);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(text.trim(), files);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card staff-action-form" data-testid={testId}>
      <View className="staff-action-form__title">{title}</View>
      {extra}
      <LabelledTextarea
        label={label}
        required={!optionalText}
        value={text}
        maxlength={max}
        counter
        placeholder={placeholder}
        onChange={setText}
        testId={`${testId}-text`}
      />
      {photos !== 'none' ? (
        <View>
          <View className="staff-form__label">
            {photos === 'required' ? '照片（必传）' : '照片（选填）'}
            {photoHint ? <View className="staff-action-form__hint">{photoHint}</View> : null}
          </View>
          <StaffPhotoPicker value={files} onChange={setFiles} testId={`${testId}-photos`} />
        </View>
      ) : null}
      <ErrorLine message={error} testId={`${testId}-error`} />
      <View className="staff-form__buttons">
        <BigButton kind="secondary" onClick={onCancel} testId={`${testId}-cancel`}>
          取消
        </BigButton>
        <BigButton onClick={() => void submit()} disabled={busy} testId={`${testId}-submit`}>
          {busy ? '正在提交…' : submitText}
        </BigButton>
      </View>
    </View>
  );
}

import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { BigButton } from '../big-button';
import type { IconWith } from '../icon';
import { StaffActionForm } from '../staff-action-form';
import './index.scss';

/** An action that needs words (and maybe photos) before it is sent: the fields of its form. */
export interface ActionForm {
  title: string;
  /** What the text is called in messages (理由, 办理结果 …). */
  label: string;
  placeholder: string;
  max?: number;
  photos?: 'none' | 'optional' | 'required';
  photoHint?: string;
  /** The confirming button (确认办结 …). */
  confirm: string;
  /** Anything chosen above the text (a role, an amount …) and what is wrong with it. */
  extra?: ReactNode;
  extraProblem?: string;
  testId: string;
  send: (text: string, photos: string[]) => Promise<void>;
}

/** One row of a staff page's action table: its button, and what opens when it is tapped. */
export interface Action<K extends string> {
  key: K;
  /** Whether it is offered now (allowed by the server and by the case's state). */
  show: boolean;
  label: string;
  /** `main` actions take a whole row, in order; `more` ones sit two to a row below them. */
  place: 'main' | 'more';
  testId: string;
  /** The page's one main action is filled; the others are outlined. @default 'secondary' */
  kind?: 'primary' | 'secondary';
  icon: IconWith<'on-fill' | 'primary'>;
  /** A form of words, or a panel of its own (派单, 合并 …) given a way to close it. */
  opens: ActionForm | ((close: () => void) => ReactNode);
}

/**
 * The actions of a staff case page, driven by a table (the admin's case page and the member's
 * task page): the buttons of the actions offered, or the form of the one that is open.
 */
export function ActionPanel<K extends string>({
  actions,
  open,
  onOpen,
  onClose,
  testId,
}: {
  actions: ReadonlyArray<Action<K>>;
  open: K | undefined;
  onOpen: (key: K) => void;
  onClose: () => void;
  testId?: string;
}) {
  const current = open === undefined ? undefined : actions.find((a) => a.key === open);
  if (current) {
    const { opens } = current;
    if (typeof opens === 'function') return <>{opens(onClose)}</>;
    return (
      <StaffActionForm
        title={opens.title}
        label={opens.label}
        placeholder={opens.placeholder}
        max={opens.max}
        photos={opens.photos}
        photoHint={opens.photoHint}
        submitText={opens.confirm}
        extra={opens.extra}
        extraProblem={opens.extraProblem}
        onSubmit={opens.send}
        onCancel={onClose}
        testId={opens.testId}
      />
    );
  }
  const shown = actions.filter((a) => a.show);
  const button = (a: Action<K>) =>
    a.kind === 'primary' ? (
      <BigButton key={a.key} icon={a.icon} onClick={() => onOpen(a.key)} testId={a.testId}>
        {a.label}
      </BigButton>
    ) : (
      <BigButton key={a.key} icon={a.icon} kind="secondary" onClick={() => onOpen(a.key)} testId={a.testId}>
        {a.label}
      </BigButton>
    );
  const more = shown.filter((a) => a.place === 'more');
  return (
    <View className="action-panel" data-testid={testId}>
      {shown.filter((a) => a.place === 'main').map(button)}
      {more.length ? <View className="action-panel__more">{more.map(button)}</View> : null}
    </View>
  );
}

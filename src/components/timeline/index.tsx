import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { formatTime } from '../../utils/format';
import './index.scss';

/** What every timeline event of the API has, whoever reads it (resident, board, staff). */
export interface TimelineEvent {
  seq: number;
  action: string;
  actionName: string;
  actor: { roleName: string; name: string };
  at: string;
  note?: string;
}

/** 楼栋物管员 胡** ; the system signs as just 系统. */
export const actorLabel = (a: { roleName: string; name: string }): string =>
  a.name && a.name !== a.roleName ? `${a.roleName} ${a.name}` : a.roleName;

/**
 * What happened to a case, newest first: one component and one stylesheet for the resident's case,
 * the public board and the staff pages. `aside` adds a line beside the action (staff: the status it
 * led to), `extra` what follows the note (photos, a note under review).
 */
export function Timeline<E extends TimelineEvent>({
  events,
  testId,
  itemTestId,
  aside,
  extra,
}: {
  events: readonly E[];
  testId: string;
  itemTestId?: string;
  aside?: (e: E) => ReactNode;
  extra?: (e: E) => ReactNode;
}) {
  const newestFirst = [...events].sort((a, b) => b.seq - a.seq);
  return (
    <View className="card timeline" data-testid={testId}>
      {newestFirst.map((e, i) => (
        <View
          key={e.seq}
          className={`timeline__item ${i === 0 ? 'timeline__item--latest' : ''}`}
          data-testid={itemTestId}
          data-action={e.action}
        >
          <View className="timeline__dot" />
          <View className="timeline__body">
            <View className="timeline__action">
              {e.actionName}
              {aside ? aside(e) : null}
            </View>
            <View className="timeline__who">
              {actorLabel(e.actor)} · {formatTime(e.at)}
            </View>
            {e.note ? <View className="timeline__note">{e.note}</View> : null}
            {extra ? extra(e) : null}
          </View>
        </View>
      ))}
    </View>
  );
}

/** A line beside the action, right-aligned and muted (the status the step led to). */
export function TimelineAside({ children }: { children: ReactNode }) {
  return <View className="timeline__aside">{children}</View>;
}

/** A note that is not shown yet (under review), in its place. */
export function TimelinePending({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <View className="timeline__note timeline__note--pending" data-testid={testId}>
      {children}
    </View>
  );
}

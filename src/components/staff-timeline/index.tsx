import { View } from '@tarojs/components';
import type { StaffTimelineEvent } from '../../services/member-api';
import { formatTime } from '../../utils/format';
import { StaffPhotoGrid } from '../staff-photos';
import './index.scss';

/** 楼栋物管员 胡** ; the system signs as just 系统. */
const actorLabel = (a: { roleName: string; name: string }): string =>
  a.name && a.name !== a.roleName ? `${a.roleName} ${a.name}` : a.roleName;

/** What happened to a case, newest first, with the photos of each step. */
export function StaffTimeline({ events, caseId }: { events: StaffTimelineEvent[]; caseId: string }) {
  const newestFirst = [...events].sort((a, b) => b.seq - a.seq);
  return (
    <View className="card staff-timeline" data-testid="staff-timeline">
      {newestFirst.map((e, i) => (
        <View key={e.seq} className={`staff-timeline__item ${i === 0 ? 'staff-timeline__item--latest' : ''}`} data-action={e.action}>
          <View className="staff-timeline__dot" />
          <View className="staff-timeline__body">
            <View className="staff-timeline__action">
              {e.actionName}
              <View className="staff-timeline__status">→ {e.toStatusName}</View>
            </View>
            <View className="staff-timeline__who">
              {actorLabel(e.actor)} · {formatTime(e.at)}
            </View>
            {e.note ? <View className="staff-timeline__note">{e.note}</View> : null}
            {e.photos?.length ? <StaffPhotoGrid fileIds={e.photos} caseId={caseId} testId="staff-timeline-photos" /> : null}
          </View>
        </View>
      ))}
    </View>
  );
}

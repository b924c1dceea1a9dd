import type { StaffTimelineEvent } from '../../services/member-api';
import { StaffPhotoGrid } from '../staff-photos';
import { Timeline, TimelineAside } from '../timeline';

/** What happened to a case, newest first, with the status each step led to and its photos. */
export function StaffTimeline({ events, caseId }: { events: StaffTimelineEvent[]; caseId: string }) {
  return (
    <Timeline
      events={events}
      testId="staff-timeline"
      aside={(e) => <TimelineAside>→ {e.toStatusName}</TimelineAside>}
      extra={(e) => (e.photos?.length ? <StaffPhotoGrid fileIds={e.photos} caseId={caseId} testId="staff-timeline-photos" /> : null)}
    />
  );
}

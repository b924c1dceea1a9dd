import { statusTone, type StatusTone } from '../../utils/format';
import { StaffTag, type Tone } from '../staff-ui';

interface StatusTagProps {
  status: string;
  /** The Chinese label, as the server sends it. */
  statusName: string;
}

/** Each group of statuses in the colour of the one tag set (staff-ui). */
const TONE: Record<StatusTone, Tone> = {
  waiting: 'orange',
  working: 'blue',
  alert: 'red',
  rate: 'yellow',
  done: 'green',
  ended: 'grey',
};

/** The status at a glance: colour by group, words from the server; a pill of the shared tag. */
export function StatusTag({ status, statusName }: StatusTagProps) {
  return (
    <StaffTag tone={TONE[statusTone(status)]} pill testId="status-tag">
      {statusName}
    </StaffTag>
  );
}

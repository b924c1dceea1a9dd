import { Text } from '@tarojs/components';
import { statusTone } from '../../utils/format';
import './index.scss';

interface StatusTagProps {
  status: string;
  /** The Chinese label, as the server sends it. */
  statusName: string;
}

/** The status at a glance: colour by group, words from the server. */
export function StatusTag({ status, statusName }: StatusTagProps) {
  return (
    <Text className={`status-tag status-tag--${statusTone(status)}`} data-testid="status-tag">
      {statusName}
    </Text>
  );
}

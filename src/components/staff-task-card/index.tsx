import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { StaffCaseCard } from '../../services/member-api';
import { excerpt, formatTime } from '../../utils/format';
import { countdown } from '../../utils/staff-deadline';
import { StatusTag } from '../status-tag';
import { StaffTag } from '../staff-ui';
import './index.scss';
import { Icon } from '../icon';
import { URGENCY_TONE } from '../icon/maps';
import { asButton } from '../../utils/a11y';
import { caseActionName, caseRowName } from '../../utils/case-row-name';
import { BigButton } from '../big-button';

interface StaffTaskCardProps {
  item: StaffCaseCard;
  /** The time the countdown is measured from (passed so a list ticks together). */
  now: Date;
  onOpen: () => void;
  /** Show who holds it (admin lists). @default false */
  showHolder?: boolean;
  /** A big action under the card. */
  action?: ReactNode;
  /**
   * One-tap 受理 under an assigned task, named by its case (受理 2612-0001 安全隐患): `accepting` is
   * the id being accepted (every 受理 waits while one is under way).
   */
  quickAccept?: { accepting: string | undefined; onAccept: (caseId: string) => void };
  /** The channel it came by (the admin's list): 小程序, 来电, 12345热线… */
  channelName?: string;
  /** What a screen reader is told the tappable body is. @default a button 查看诉求 … (caseRowName) */
  openAs?: Record<string, string | boolean>;
}

/** A task or case in a staff list: what, where, and how much time is left — red when late. */
export function StaffTaskCard({
  item,
  now,
  onOpen,
  showHolder = false,
  action: given,
  quickAccept,
  channelName,
  openAs,
}: StaffTaskCardProps) {
  const action = quickAccept && item.status === 'assigned' ? <QuickAccept item={item} {...quickAccept} /> : given;
  const clock = countdown(item, now);
  // What the row shows after the place, in its order: each is drawn below and read in the row's name.
  const created = formatTime(item.createdAt);
  const severity = item.severity !== 'simple' ? item.severityName : undefined;
  const rework = item.reworkCount > 0 ? `回炉${item.reworkCount}次` : undefined;
  const wasLate = item.overdue && clock.urgency !== 'overdue' && !item.clocks ? '曾超时' : undefined;
  const holder = showHolder ? (item.holder ? `${item.holder.roleName} ${item.holder.name}` : '未派单') : undefined;
  const shown = [created, severity, rework, wasLate, item.dueNote, channelName, holder];
  return (
    <View
      className={`staff-task ${clock.urgency === 'overdue' ? 'staff-task--overdue' : ''}`}
      data-testid="staff-task-card"
      data-case-id={item.id}
      data-urgency={clock.urgency}
    >
      <View
        className="staff-task__body"
        hoverClass="staff-task__body--pressed"
        onClick={onOpen}
        data-testid="staff-task-open"
        {...(openAs ?? asButton(caseRowName('查看诉求', item, clock.text, shown)))}
      >
        <View className="staff-task__head">
          <Text className="staff-task__category">{item.categoryName}</Text>
          <StatusTag status={item.status} statusName={item.statusName} />
        </View>
        {item.no ? (
          <View className="staff-task__no" data-testid="case-no">
            编号 {item.no}
          </View>
        ) : null}
        {clock.text ? (
          <View className={`staff-task__clock staff-task__clock--${clock.urgency}`} data-testid="staff-task-clock">
            <Icon name={clock.urgency === 'overdue' ? 'alarm-clock' : 'timer'} tone={URGENCY_TONE[clock.urgency]} />
            {clock.text}
          </View>
        ) : null}
        <View className="staff-task__desc">{excerpt(item.description, 40)}</View>
        <View className="staff-task__place">
          <Icon name="map-pin" tone="text" />
          {item.placeName}
        </View>
        <View className="staff-task__meta">
          <Text>{created}</Text>
          <View className="staff-task__tags">
            {severity ? <StaffTag tone="red">{severity}</StaffTag> : null}
            {rework ? <StaffTag tone="orange">{rework}</StaffTag> : null}
            {wasLate ? <StaffTag tone="orange">{wasLate}</StaffTag> : null}
            {item.dueNote ? <StaffTag tone="orange">{item.dueNote}</StaffTag> : null}
            {channelName ? (
              <StaffTag tone="blue" testId="case-channel">
                {channelName}
              </StaffTag>
            ) : null}
            {holder ? <Text className="staff-task__holder">{holder}</Text> : null}
          </View>
        </View>
      </View>
      {action ? <View className="staff-task__action">{action}</View> : null}
    </View>
  );
}

function QuickAccept({ item, accepting, onAccept }: { item: StaffCaseCard } & NonNullable<StaffTaskCardProps['quickAccept']>) {
  const verb = accepting === item.id ? '正在受理…' : '受理';
  return (
    <BigButton
      onClick={() => onAccept(item.id)}
      disabled={accepting !== undefined}
      label={caseActionName(verb, item)}
      testId="quick-accept"
    >
      {verb}
    </BigButton>
  );
}

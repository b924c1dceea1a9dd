import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { StaffCaseDetail } from '../../services/member-api';
import { formatTime } from '../../utils/format';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import { countdown } from '../../utils/staff-deadline';
import { StaffPhotoGrid } from '../staff-photos';
import { PhoneLink, StaffNote, StaffRow, StaffTag } from '../staff-ui';
import { StatusTag } from '../status-tag';
import './index.scss';
import { Icon } from '../icon';
import { URGENCY_TONE } from '../icon/maps';

const LEVEL_NAMES = { community: '社区', street: '街道', department: '职能部门' } as const;

/**
 * The case as staff see it: what, where, the clock, the resident's phone (the handler and admins
 * only), before and after photos, and where it stands.
 */
export function StaffCaseSummary({ c }: { c: StaffCaseDetail }) {
  const clock = countdown(c, new Date());
  const before = c.photos.filter((p) => p.stage === 'before').map((p) => p.fileId);
  const after = c.photos.filter((p) => p.stage !== 'before').map((p) => p.fileId);
  return (
    <View className="card" data-testid="case-summary">
      <View className="staff-case__head">
        <Text className="staff-case__category">{c.categoryName}</Text>
        <StatusTag status={c.status} statusName={c.statusName} />
      </View>
      {c.no ? (
        <View className="staff-case__no" data-testid="case-no">
          编号 {c.no}
        </View>
      ) : null}
      {clock.text ? (
        <View className={`staff-case__clock staff-case__clock--${clock.urgency}`} data-testid="case-clock">
          <Icon name={clock.urgency === 'overdue' ? 'alarm-clock' : 'timer'} tone={URGENCY_TONE[clock.urgency]} />
          {clock.text}
          {c.dueAt && clock.urgency !== 'none' ? `（${formatTime(c.dueAt)} 前）` : ''}
        </View>
      ) : null}
      {c.dueNote ? (
        <View className="staff-case__clock staff-case__clock--soon" data-testid="case-due-note">
          <Icon name="triangle-alert" tone="warn" />
          {c.dueNote}
        </View>
      ) : null}
      <View className="staff-case__desc" data-testid="case-description">
        {c.description}
      </View>
      <StaffPhotoGrid fileIds={before} caseId={c.id} testId="case-photos" />
      <View className="staff-case__place" data-testid="case-place">
        <Icon name="map-pin" tone="text" />
        {c.placeName}
      </View>
      {c.contactName ? (
        <StaffRow label="群众" testId="case-contact-name">
          {c.contactName}
        </StaffRow>
      ) : null}
      {c.contactPhone ? (
        <View className="staff-case__contact">
          <Text className="staff-case__contact-label">居民电话（仅办理人和管理员可见）</Text>
          <PhoneLink phone={c.contactPhone} testId="case-phone" />
        </View>
      ) : null}
      <StaffRow label="编号" testId="case-id">
        {c.id}
      </StaffRow>
      <StaffRow label="来源" testId="case-source">
        {c.source === 'proxy'
          ? `代登记·${c.channelName ?? ''}${c.ticketNo ? ` ${c.ticketNo}` : ''}${c.reporter ? `（${c.reporter.roleName} ${c.reporter.name}）` : ''}`
          : c.source === 'patrol'
            ? `巡查上报${c.channelName && c.channelName !== '巡查' ? `·${c.channelName}` : ''}`
            : `居民${c.reporter ? ` ${c.reporter.name}` : ''}`}
      </StaffRow>
      {c.originLabel ? (
        // 来自院坝会 2026-12-01「停车难」: the record the case came from; a tap opens it.
        <StaffRow
          label="来自"
          testId="case-origin"
          onTap={c.channel === 'meeting' && c.originId ? () => void Taro.navigateTo({ url: STAFF_ROUTES.meeting(c.originId!) }) : undefined}
        >
          {c.originLabel}
        </StaffRow>
      ) : null}
      <StaffRow label="提交时间">{formatTime(c.createdAt)}</StaffRow>
      {c.holder ? <StaffRow label="办理人">{`${c.holder.roleName} ${c.holder.name}`}</StaffRow> : null}
      <StaffRow label="等级">
        <StaffTag tone={c.severity === 'simple' ? 'grey' : 'red'}>{c.severityName}</StaffTag>
      </StaffRow>
      {c.reworkCount > 0 ? <StaffRow label="回炉整改">{`${c.reworkCount} 次`}</StaffRow> : null}
      {c.escalation ? (
        <StaffRow label="吹哨">{`${c.escalation.level === 'department' ? (c.escalation.departmentName ?? LEVEL_NAMES.department) : LEVEL_NAMES[c.escalation.level]}：${c.escalation.reason}${c.escalation.level === 'department' ? (c.escalation.reportedAt ? '（已报到）' : '（待报到）') : ''}`}</StaffRow>
      ) : null}
      {c.result ? <StaffRow label="办理结果">{c.result}</StaffRow> : null}
      {c.rejectReason ? <StaffRow label="不予受理">{c.rejectReason}</StaffRow> : null}
      {c.mergedInto ? <StaffRow label="合并到">{c.mergedInto}</StaffRow> : null}
      {c.rating ? (
        <StaffRow label={c.rating.phone ? '电话回访' : '居民评价'} testId="case-rating">
          {`${c.rating.valueName}${c.rating.comment ? `：${c.rating.comment}` : ''}${c.rating.phone ? `（${c.rating.phone.roleName} ${c.rating.phone.name}）` : ''}`}
        </StaffRow>
      ) : null}
      {after.length ? (
        <View>
          <View className="staff-form__label">办理照片</View>
          <StaffPhotoGrid fileIds={after} caseId={c.id} testId="case-after-photos" />
        </View>
      ) : null}
      {c.supervised ? <StaffNote tone="red">本件已挂牌督办，请优先办理。</StaffNote> : null}
    </View>
  );
}

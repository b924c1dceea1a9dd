import { View } from '@tarojs/components';
import { LabelledInput } from '../../components/labelled-field';
import { StaffChips } from '../../components/staff-ui';
import { isPhone } from '../../utils/staff-form';

/** What may be added to a raised issue before it is filed: the building it is about and a phone to call back. */
export interface IssueExtra {
  buildingId?: string;
  phone: string;
}

/** Why an issue's extras cannot be filed, in Chinese, or undefined. */
export function extraProblem(index: number, extra: IssueExtra | undefined): string | undefined {
  const phone = extra?.phone.trim() ?? '';
  return phone && !isPhone(phone) ? `第${index + 1}条问题：联系电话格式不正确，手机号11位，座机如023-12345678` : undefined;
}

/**
 * The optional 楼栋 (chips, as on the 代登记 page, of the meeting's grid only) and 联系电话 of one
 * raised issue.
 */
export function IssueExtras({
  index,
  buildings,
  extra,
  onChange,
}: {
  index: number;
  buildings: readonly { id: string; name: string }[];
  extra: IssueExtra | undefined;
  onChange: (extra: IssueExtra) => void;
}) {
  const current = extra ?? { phone: '' };
  return (
    <View>
      {buildings.length ? (
        <View>
          <View className="staff-form__label">所在楼栋（选填）</View>
          <StaffChips
            options={buildings.map((b) => ({ value: b.id, label: b.name }))}
            value={current.buildingId}
            onChange={(buildingId) => onChange({ ...current, buildingId: buildingId === current.buildingId ? undefined : buildingId })}
            testId={`meeting-issue-building-${index}`}
            scroll
          />
        </View>
      ) : null}
      <LabelledInput
        label="反映人联系电话（选填）"
        type="number"
        value={current.phone}
        maxlength={13}
        placeholder="反映人联系电话（选填）"
        onChange={(phone) => onChange({ ...current, phone })}
        testId={`meeting-issue-phone-${index}`}
      />
    </View>
  );
}

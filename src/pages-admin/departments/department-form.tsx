import { useState } from 'react';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { ChipMultiSelect } from '../../components/chip-multi-select';
import { LabelledInput } from '../../components/labelled-field';
import { ErrorLine } from '../../components/notice';
import type { DepartmentFields, DepartmentItem } from '../../services/departments-api';
import { isPhone, textProblem } from '../../utils/staff-form';

/** Adds a department, or edits one (`item`): name, what it handles, its categories, a phone. */
export function DepartmentForm({
  item,
  categories,
  busy,
  error,
  onSave,
  onCancel,
}: {
  item?: DepartmentItem;
  categories: { id: string; name: string }[];
  busy: boolean;
  error?: string;
  onSave: (fields: DepartmentFields) => Promise<void>;
  onCancel: () => void;
}) {
  const [name, setName] = useState(item?.name ?? '');
  const [handles, setHandles] = useState(item?.handles ?? '');
  const [phone, setPhone] = useState(item?.phone ?? '');
  const [picked, setPicked] = useState<string[]>(item?.categoryIds ?? []);
  const [problem, setProblem] = useState<string>();

  const save = async () => {
    const bad =
      textProblem(name, '部门名称', 30) ??
      (handles.trim().length > 200 ? '负责事项最多200字' : undefined) ??
      (phone.trim() && !isPhone(phone) ? '联系电话格式不正确' : undefined);
    setProblem(bad);
    if (bad) return;
    await onSave({ name: name.trim(), handles: handles.trim(), categoryIds: picked, ...(phone.trim() ? { phone: phone.trim() } : {}) });
  };

  return (
    <View className="depts__form" data-testid="dept-form">
      <LabelledInput
        label="部门名称"
        required
        value={name}
        maxlength={30}
        placeholder="如 双福派出所"
        onChange={setName}
        testId="dept-name"
      />
      <LabelledInput
        label="负责事项（选填）"
        value={handles}
        maxlength={200}
        placeholder="如 治安、矛盾纠纷调处"
        onChange={setHandles}
        testId="dept-handles"
      />
      <View className="staff-form__label">负责类别（吹哨、报到时优先推荐）</View>
      <ChipMultiSelect
        options={categories.map((c) => ({ value: c.id, label: c.name }))}
        value={picked}
        onChange={setPicked}
        testId="dept-categories"
        chipTestId="dept-category-"
        label="负责类别"
      />
      <LabelledInput
        label="联系电话（选填）"
        value={phone}
        maxlength={13}
        placeholder="手机或座机，如 023-42871234"
        onChange={setPhone}
        testId="dept-phone"
      />
      <ErrorLine message={problem ?? error} testId="dept-form-error" />
      <View className="staff-form__buttons">
        <BigButton kind="secondary" onClick={onCancel}>
          取消
        </BigButton>
        <BigButton disabled={busy} onClick={() => void save()} testId="dept-save">
          保存
        </BigButton>
      </View>
    </View>
  );
}

import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { ChipMultiSelect } from '../../components/chip-multi-select';
import { LabelledInput } from '../../components/labelled-field';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffChips, StaffNote, StaffTag, type Tone } from '../../components/staff-ui';
import { SubmitButton } from '../../components/submit-button';
import { useExport } from '../../hooks/use-export';
import { useSubmit } from '../../hooks/use-submit';
import { CARE_GROUP_OPTIONS, careApi, type CareGroup, type VisitState } from '../../services/care-api';
import { useSignedIn } from '../../state/staff-profile';
import { isPhone, textProblem } from '../../utils/staff-form';
import { useRemote } from '../../utils/use-remote';
import './index.scss';

const TONES: Record<VisitState, Tone> = { overdue: 'red', due: 'orange', ok: 'green' };

/**
 * 走访关爱名册: the community admin registers people in special groups per grid; each goes to the
 * member whose duties cover the group (党小组长 for 烈属 and 困难群众) unless another is chosen.
 * Staff only: never shown on the board.
 */
export default function CarePage() {
  const communityId = useRouter().params.communityId;
  const reg = useRemote(() => careApi.register(communityId), useSignedIn());
  const [adding, setAdding] = useState(false);
  const [gridId, setGridId] = useState<string>();
  const [name, setName] = useState('');
  const [groups, setGroups] = useState<CareGroup[]>([]);
  const [address, setAddress] = useState('');
  const [phone, setPhone] = useState('');
  const [notes, setNotes] = useState('');
  const submit = useSubmit();
  const ledger = useExport();
  // One error line for the form and the exports, as before.
  const error = submit.error ?? ledger.error;

  const save = () => {
    const problem =
      (gridId ? undefined : '请选择网格') ??
      textProblem(name, '姓名', 20) ??
      (groups.length ? undefined : '请至少选择一个类别') ??
      textProblem(address, '住址', 100) ??
      (phone.trim() && !isPhone(phone) ? '电话格式不正确' : undefined);
    return submit.run(
      async () => {
        const s = await careApi.save({
          gridId: gridId!,
          name: name.trim(),
          groups,
          address: address.trim(),
          ...(phone.trim() ? { phone: phone.trim() } : {}),
          ...(notes.trim() ? { notes: notes.trim() } : {}),
        });
        Taro.showToast({ title: `已登记，由${s.member?.roleName ?? ''}${s.member?.name ?? ''}走访`, icon: 'none' });
        setAdding(false);
        setName('');
        setGroups([]);
        setAddress('');
        setPhone('');
        setNotes('');
        await reg.reload();
      },
      { problem },
    );
  };

  const exportLedger = (kind: 'register' | 'visits') =>
    ledger.run(
      () => careApi.ledger(kind, communityId),
      (r) => `已导出 ${r.rowCount} 行：${r.fileName}`,
    );

  const items = reg.data?.items ?? [];
  const grids = reg.data?.grids ?? [];
  const manyCommunities = new Set(grids.map((g) => g.communityId)).size > 1;

  return (
    <PageShell className="care" testId="page-care">
      <ErrorLine message={reg.error} onRetry={() => void reg.reload()} />
      {reg.loading && !reg.data ? <Loading /> : null}
      {reg.data ? (
        <View>
          <StaffNote>名册仅社区、街道管理员和负责走访的成员可见，公示栏只显示走访人次和覆盖人数。</StaffNote>
          {adding ? (
            <View className="card" data-testid="care-form">
              <SectionTitle>登记走访对象</SectionTitle>
              <StaffChips
                options={grids.map((g) => ({ value: g.id, label: manyCommunities ? `${g.communityName} ${g.name}` : g.name }))}
                value={gridId}
                onChange={setGridId}
                testId="care-grid"
              />
              <LabelledInput label="姓名" required value={name} maxlength={20} placeholder="姓名" onChange={setName} testId="care-name" />
              <ChipMultiSelect
                options={CARE_GROUP_OPTIONS}
                value={groups}
                onChange={setGroups}
                testId="care-groups"
                chipTestId="care-group-"
                label="类别"
              />
              <LabelledInput
                label="住址"
                required
                value={address}
                maxlength={100}
                placeholder="住址或楼栋，如 1栋2单元301"
                onChange={setAddress}
                testId="care-address"
              />
              <LabelledInput
                label="电话"
                type="number"
                value={phone}
                maxlength={13}
                placeholder="电话（选填）"
                onChange={setPhone}
                testId="care-phone"
              />
              <LabelledInput
                label="备注"
                value={notes}
                maxlength={200}
                placeholder="备注（选填）"
                onChange={setNotes}
                testId="care-notes"
              />
              <ErrorLine message={error} testId="care-error" />
              <SubmitButton submit={submit} onClick={() => void save()} busyText="正在保存…" testId="care-save">
                保存
              </SubmitButton>
              <BigButton kind="plain" onClick={() => setAdding(false)}>
                取消
              </BigButton>
            </View>
          ) : (
            <View>
              <BigButton onClick={() => setAdding(true)} testId="care-add">
                ＋ 登记走访对象
              </BigButton>
              <ErrorLine message={error} testId="care-error" />
            </View>
          )}
          <View className="care__head">
            <BigButton kind="secondary" onClick={() => void exportLedger('register')} testId="care-export-register">
              导出名册
            </BigButton>
            <BigButton kind="secondary" onClick={() => void exportLedger('visits')} testId="care-export-visits">
              导出走访记录
            </BigButton>
          </View>
          {ledger.note ? <StaffNote tone="green">{ledger.note}</StaffNote> : null}
          <SectionTitle>名册（{items.length} 人）</SectionTitle>
          {items.length === 0 ? <EmptyState icon="house" title="还没有登记走访对象" /> : null}
          {items.map((s) => (
            <View key={s.id} className="card" data-testid="care-row" data-state={s.dueState}>
              <View className="care__head">
                <Text className="care__name">{s.name}</Text>
                <StaffTag tone={TONES[s.dueState]}>{s.dueStateName}</StaffTag>
              </View>
              <View className="care__meta">
                {s.groupNames.join('、')} · {s.gridName} {s.address}
              </View>
              <View className="care__meta" data-testid="care-row-member">
                走访：{s.member ? `${s.member.roleName} ${s.member.name}` : '未分配'} · 上次 {s.lastVisitOn ?? '未走访'} · 应访 {s.dueOn}
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}

import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { CallLink } from '../../components/call-link';
import { LabelledTextarea } from '../../components/labelled-field';
import { ErrorLine, Loading } from '../../components/notice';
import { StaffTag } from '../../components/staff-ui';
import { adminApi, type AdminMember } from '../../services/admin-api';
import { errorMessage } from '../../services/api-error';
import type { StaffCaseDetail } from '../../services/member-api';
import { useRemote } from '../../utils/use-remote';
import { asButton } from '../../utils/a11y';

/**
 * 派单 / 改派: the members of the case's grid first, then the rest of the community. A first
 * dispatch is one tap; taking a case from its holder (改派) asks for a reason the timeline keeps,
 * shows the member's phone to call first, and asks once to confirm.
 */
export function AssignPanel({ c, onDone, onCancel }: { c: StaffCaseDetail; onDone: () => void; onCancel: () => void }) {
  const [wide, setWide] = useState(false);
  const members = useRemote(() => adminApi.listMembers(wide ? { communityId: c.place.communityId } : { gridId: c.place.gridId }), true);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [chosen, setChosen] = useState<AdminMember>();
  const [reason, setReason] = useState('');
  const reassigning = Boolean(c.holder);
  useEffect(() => {
    if (wide) void members.reload();
  }, [wide]);

  const assign = async (m: AdminMember, note?: string) => {
    if (busy) return;
    setBusy(m.id);
    setError(undefined);
    try {
      await adminApi.assignCase(c.id, m.id, note);
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  const reassign = async () => {
    if (!chosen) return;
    const why = reason.trim();
    if (why.length < 2) {
      setError('请填写改派理由（至少2个字）');
      return;
    }
    const { confirm } = await Taro.showModal({
      title: '确认改派',
      content: `把本件从 ${c.holder?.roleName ?? ''} ${c.holder?.name ?? ''} 改派给 ${chosen.roleName} ${chosen.name}？理由：${why}`,
      confirmText: '改派',
      cancelText: '取消',
    });
    if (confirm) await assign(chosen, `改派：${why}`);
  };

  if (chosen)
    return (
      <View className="card admin-case__panel" data-testid="reassign-one">
        <View className="admin-case__panel-title">
          改派给 {chosen.roleName} {chosen.name}
        </View>
        {chosen.phone ? (
          <View>
            <View className="admin-case__hint">改派前可先电话确认：</View>
            <CallLink phone={chosen.phone} label={`${chosen.name} ${chosen.phone}`} testId="reassign-one-call" />
          </View>
        ) : (
          <View className="admin-case__hint">该成员未登记电话</View>
        )}
        {!chosen.onDuty ? <View className="admin-case__hint">该成员当前休息，请先确认能否接手</View> : null}
        <LabelledTextarea
          label="改派理由"
          required
          value={reason}
          maxlength={200}
          placeholder="改派理由（必填，会记入办理过程）"
          onChange={setReason}
          testId="reassign-one-reason"
        />
        <ErrorLine message={error} testId="reassign-one-error" />
        <View className="staff-form__buttons">
          <BigButton kind="secondary" onClick={() => setChosen(undefined)} disabled={busy !== undefined} testId="reassign-one-back">
            返回
          </BigButton>
          <BigButton onClick={() => void reassign()} disabled={busy !== undefined} testId="reassign-one-submit">
            {busy ? '正在改派…' : '确认改派'}
          </BigButton>
        </View>
      </View>
    );

  const list = (members.data?.items ?? []).filter((m) => m.active);
  return (
    <View className="card admin-case__panel" data-testid="assign-panel">
      <View className="admin-case__panel-title">{reassigning ? '改派给' : '派单给'}</View>
      <View className="admin-case__hint">当前类别「{c.categoryName}」。休息中的成员也可以派，但请先电话确认。</View>
      <ErrorLine message={members.error ?? error} onRetry={members.error ? () => void members.reload() : undefined} />
      {members.loading && !members.data ? <Loading /> : null}
      {list.map((m) => (
        <View key={m.id} className="admin-case__member" data-testid="assign-member" data-member-id={m.id} data-role={m.role}>
          <View className="admin-case__member-info">
            <View className="admin-case__member-name">
              {m.roleName} {m.name}
            </View>
            <View className="admin-case__member-meta">
              {wide ? `${m.gridName ?? ''} · ` : ''}
              <StaffTag tone={m.onDuty ? 'green' : 'grey'}>{m.onDuty ? '在岗' : '休息'}</StaffTag>
              {!m.bound ? <StaffTag tone="orange">未绑定微信</StaffTag> : null}
            </View>
          </View>
          {c.holder?.memberId === m.id ? (
            <StaffTag tone="blue" testId="assign-current">
              当前办理人
            </StaffTag>
          ) : (
            <View
              className="admin-case__member-go"
              onClick={() => (reassigning ? setChosen(m) : void assign(m))}
              data-testid="assign-to"
              {...asButton(busy === m.id ? `正在派给${m.roleName} ${m.name}` : `${reassigning ? '改派' : '派'}给${m.roleName} ${m.name}`)}
            >
              {busy === m.id ? '…' : '派给TA'}
            </View>
          )}
        </View>
      ))}
      {!wide ? (
        <BigButton kind="plain" onClick={() => setWide(true)} testId="assign-wide">
          显示本社区其他网格的成员
        </BigButton>
      ) : null}
      <BigButton kind="secondary" onClick={onCancel} testId="assign-cancel">
        取消
      </BigButton>
    </View>
  );
}

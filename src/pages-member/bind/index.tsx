import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { LabelledInput } from '../../components/labelled-field';
import { BigButton } from '../../components/big-button';
import { SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffNote } from '../../components/staff-ui';
import { SubmitButton } from '../../components/submit-button';
import { useSubmit } from '../../hooks/use-submit';
import { memberApi, type BindResult } from '../../services/member-api';
import { staffProfileStore, useStaffProfile } from '../../state/staff-profile';
import { inviteCodeProblem, normaliseInviteCode } from '../../utils/staff-form';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import '../../components/staff-ui/index.scss';
import './index.scss';

/** A member binds their WeChat account once, with the invite code the community gave them. */
export default function BindPage() {
  const router = useRouter();
  const { profile } = useStaffProfile();
  const [code, setCode] = useState(() => normaliseInviteCode(decodeURIComponent(router.params.code ?? '')));
  const [name, setName] = useState('');
  const binding = useSubmit();
  const [result, setResult] = useState<BindResult>();

  const bind = () => {
    const c = normaliseInviteCode(code);
    return binding.run(
      async () => {
        const r = await memberApi.bindInvite(c, name.trim() || undefined);
        setResult(r);
        // The tab bar and the work page read the roles from the profile.
        await staffProfileStore.reload();
      },
      { problem: inviteCodeProblem(c) },
    );
  };

  if (result) {
    return (
      <PageShell className="bind" testId="page-bind">
        <View className="bind__done" data-testid="bind-result">
          <View className="bind__mark">✓</View>
          <View className="bind__title">绑定成功</View>
          <View className="card">
            <View className="bind__role" data-testid="bind-role">
              {result.roleName}
            </View>
            <View className="bind__place" data-testid="bind-place">
              {result.communityName} {result.gridName}
            </View>
            <SectionTitle>您的职责</SectionTitle>
            <View className="bind__duties" data-testid="bind-duties">
              {result.duties}
            </View>
          </View>
          <BigButton hero onClick={() => void Taro.switchTab({ url: STAFF_ROUTES.work })} testId="bind-go-work">
            进入工作台
          </BigButton>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell className="bind" testId="page-bind">
      <View className="bind__intro">
        五员共治小组成员（党小组长、居民小组长、网格员、业委会成员、楼栋物管员）请输入社区发给您的邀请码；职能部门工作人员请输入街道发给您的邀请码。每个邀请码只能用一次。
      </View>
      {profile?.memberships.length ? (
        <StaffNote tone="green" testId="bind-already">
          您已绑定：
          {profile.memberships.map((m) => `${m.communityName ?? ''} ${m.gridName ?? ''} ${m.roleName}`).join('；')}
        </StaffNote>
      ) : null}
      <View className="card">
        <LabelledInput
          label="邀请码"
          required
          value={code}
          maxlength={16}
          placeholder="8位字母或数字"
          onChange={(v) => setCode(v.toUpperCase())}
          testId="bind-code"
        />
        <LabelledInput
          label="您的姓名（选填）"
          value={name}
          maxlength={20}
          placeholder="方便社区核对"
          onChange={setName}
          testId="bind-name"
        />
      </View>
      <SubmitButton submit={binding} onClick={() => void bind()} busyText="正在绑定…" testId="bind-submit" errorTestId="bind-error">
        绑定
      </SubmitButton>
      <View className="bind__help">没有邀请码？请联系社区（网格与人员 → 成员 → 邀请码）。</View>
    </PageShell>
  );
}

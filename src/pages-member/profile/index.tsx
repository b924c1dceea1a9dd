import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Switch, Text, View } from '@tarojs/components';
import { LabelledInput, LabelledTextarea } from '../../components/labelled-field';
import { ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffNote, StaffRow } from '../../components/staff-ui';
import { SubmitButton } from '../../components/submit-button';
import { useSubmit } from '../../hooks/use-submit';
import { memberProfileApi } from '../../services/member-profile-api';
import { useSignedIn } from '../../state/staff-profile';
import { chars, isPhone } from '../../utils/staff-form';
import { useRemote } from '../../utils/use-remote';
import { COLORS } from '../../styles/colors';

const MAX_COMMITMENT = 100;

/** 公示牌信息: what the public board may show of me (default: surname only). */
export default function ProfilePage() {
  const profile = useRemote(() => memberProfileApi.mine(), useSignedIn());
  const p = profile.data;
  const [showFullName, setShowFullName] = useState(false);
  const [workPhone, setWorkPhone] = useState('');
  const [commitment, setCommitment] = useState('');
  const saving = useSubmit();

  useEffect(() => {
    if (!p) return;
    setShowFullName(p.showFullName);
    setWorkPhone(p.workPhone ?? '');
    setCommitment(p.commitment?.value ?? '');
  }, [p]);

  const save = () => {
    const problem =
      (workPhone.trim() && !isPhone(workPhone) ? '工作电话格式不正确' : undefined) ??
      (chars(commitment) > MAX_COMMITMENT ? `服务承诺最多${MAX_COMMITMENT}字` : undefined);
    return saving.run(
      async () => {
        await memberProfileApi.save({
          showFullName,
          workPhone: workPhone.trim() || null,
          commitment: commitment.trim() || null,
        });
        Taro.showToast({ title: '已保存', icon: 'success' });
        await profile.reload();
      },
      { problem },
    );
  };

  return (
    <PageShell className="profile" testId="page-profile">
      <ErrorLine message={profile.error} onRetry={() => void profile.reload()} />
      {profile.loading && !p ? <Loading /> : null}
      {p ? (
        <View>
          <StaffNote>
            公示牌默认只显示您的姓氏。您可以同意公示全名、工作电话和服务承诺，方便群众找到您、监督您。服务承诺经社区审核后公示。
          </StaffNote>
          <View className="card">
            <StaffRow label="公示全名" onTap={() => setShowFullName(!showFullName)} checked={showFullName}>
              <Switch className="staff-row__switch" checked={showFullName} color={COLORS.primary} data-testid="profile-full-name" />
            </StaffRow>
            <LabelledInput
              label="工作电话（选填）"
              type="number"
              maxlength={13}
              value={workPhone}
              placeholder="群众可一键拨打"
              onChange={setWorkPhone}
              testId="profile-phone"
            />
            <LabelledTextarea
              label="服务承诺（选填）"
              value={commitment}
              maxlength={MAX_COMMITMENT}
              counter
              placeholder="例如：有事找我，24小时内回复。"
              onChange={setCommitment}
              testId="profile-commitment"
              hint={
                p.commitment ? (
                  <Text data-testid="profile-commitment-state">{p.commitment.approved ? '已审核公示' : '待社区审核'}</Text>
                ) : undefined
              }
            />
          </View>
          <SubmitButton submit={saving} onClick={() => void save()} busyText="正在保存…" testId="profile-save" errorTestId="profile-error">
            保存
          </SubmitButton>
          <SectionTitle>公示牌上现在显示</SectionTitle>
          <View className="card" data-testid="profile-board">
            <View>
              {p.roleName} {p.board.name}
            </View>
            {p.board.workPhone ? <View>工作电话 {p.board.workPhone}</View> : null}
            {p.board.commitment ? <View>服务承诺：{p.board.commitment}</View> : null}
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}

import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { EmptyState, ErrorLine, Loading } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffNote } from '../../components/staff-ui';
import { errorMessage } from '../../services/api-error';
import { memberProfileApi } from '../../services/member-profile-api';
import { useSignedIn } from '../../state/staff-profile';
import { useRemote } from '../../utils/use-remote';

/** 公示信息审核: members' service commitments wait here before the 公示牌 shows them. */
export default function ProfilesPage() {
  const pending = useRemote(() => memberProfileApi.pending(), useSignedIn());
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const items = pending.data?.items ?? [];

  const review = async (memberId: string, approve: boolean, photo: boolean, commitment: boolean) => {
    if (busy) return;
    setBusy(memberId);
    setError(undefined);
    try {
      await memberProfileApi.review(memberId, {
        ...(photo ? { photo: approve } : {}),
        ...(commitment ? { commitment: approve } : {}),
      });
      Taro.showToast({ title: approve ? '已通过，公示牌已显示' : '已退回', icon: 'none' });
      await pending.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <PageShell className="profiles" testId="page-profiles">
      <ErrorLine message={pending.error} onRetry={() => void pending.reload()} />
      {pending.loading && !pending.data ? <Loading /> : null}
      {pending.data ? (
        <View>
          <StaffNote>成员填写的服务承诺和照片经审核后才在公示牌显示。全名和工作电话由成员本人决定是否公示。</StaffNote>
          {items.length === 0 ? <EmptyState icon="circle-check" title="没有待审核的公示信息" /> : null}
          <ErrorLine message={error} testId="profiles-error" />
          {items.map((p) => {
            const photo = Boolean(p.photo && !p.photo.approved);
            const commitment = Boolean(p.commitment && !p.commitment.approved);
            return (
              <View key={p.memberId} className="card" data-testid="profile-pending" data-member-id={p.memberId}>
                <View>
                  {p.gridName} {p.roleName} {p.name}
                </View>
                {commitment ? <View data-testid="profile-pending-commitment">服务承诺：{p.commitment!.value}</View> : null}
                {photo ? <View>另有一张照片待审核</View> : null}
                <BigButton
                  onClick={() => void review(p.memberId, true, photo, commitment)}
                  disabled={busy !== undefined}
                  testId="profile-approve"
                >
                  通过
                </BigButton>
                <BigButton
                  kind="secondary"
                  onClick={() => void review(p.memberId, false, photo, commitment)}
                  disabled={busy !== undefined}
                  testId="profile-reject"
                >
                  退回
                </BigButton>
              </View>
            );
          })}
        </View>
      ) : null}
    </PageShell>
  );
}

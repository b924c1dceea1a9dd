import { Text, View } from '@tarojs/components';
import { ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { PhoneLink, StaffTag } from '../../components/staff-ui';
import { memberApi } from '../../services/member-api';
import { useRemote } from '../../utils/use-remote';
import './index.scss';
import { useSignedIn } from '../../state/staff-profile';

/** The five members of my grid's group: who does what, who is on duty, how to call them. */
export default function GroupPage() {
  const group = useRemote(() => memberApi.myGroup(), useSignedIn());
  const g = group.data;
  return (
    <PageShell className="group" testId="page-group">
      <ErrorLine message={group.error} onRetry={() => void group.reload()} />
      {group.loading && !g ? <Loading /> : null}
      {g ? (
        <View>
          <View className="group__title">
            {g.me.communityName} {g.me.gridName} · 五员共治小组
          </View>
          {g.members.map((m) => (
            <View
              key={m.memberId}
              className={`card group__member ${m.memberId === g.me.memberId ? 'group__member--me' : ''}`}
              data-testid="group-member"
            >
              <View className="group__head">
                <Text className="group__role">{m.roleName}</Text>
                <StaffTag tone={m.onDuty ? 'green' : 'grey'}>{m.onDuty ? '在岗' : '休息'}</StaffTag>
              </View>
              <View className="group__name">
                {m.name}
                {m.memberId === g.me.memberId ? '（我）' : ''}
              </View>
              <View className="group__duties">{m.duties}</View>
              {m.phone && m.memberId !== g.me.memberId ? <PhoneLink phone={m.phone} /> : null}
            </View>
          ))}
          <SectionTitle>转派提示</SectionTitle>
          <View className="group__hint">
            不属于自己职责的任务，可在任务详情里「转派」给小组中对应的角色，并写明理由；需要社区协调的，点「吹哨」。
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}

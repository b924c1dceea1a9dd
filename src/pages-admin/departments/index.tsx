import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { EmptyState, ErrorLine, Loading } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { PhoneLink, StaffNote, StaffTag } from '../../components/staff-ui';
import { departmentsApi, type DepartmentCase, type DepartmentItem } from '../../services/departments-api';
import { useSignedIn } from '../../state/staff-profile';
import { COLORS } from '../../styles/colors';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import { useChange } from '../../utils/use-change';
import { useRemote } from '../../utils/use-remote';
import { DepartmentForm } from './department-form';
import '../../components/staff-ui/index.scss';
import './index.scss';

const confirm = async (title: string, content: string): Promise<boolean> =>
  (await Taro.showModal({ title, content, confirmText: '确定', confirmColor: COLORS.primary })).confirm;

/**
 * 职能部门: the street admin adds, edits, stops and restarts the street's departments and manages
 * the accounts that log in as each; community admins see the list only.
 */
export default function DepartmentsPage() {
  const remote = useRemote(() => departmentsApi.list(), useSignedIn());
  const change = useChange(remote.reload);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string>();
  const [invite, setInvite] = useState<{ departmentId: string; code: string }>();
  const [stoppedCases, setStoppedCases] = useState<{ departmentId: string; items: DepartmentCase[] }>();

  usePullDownRefresh(() => {
    void remote.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const d = remote.data;
  const canManage = d?.canManage ?? false;

  const stop = async (item: DepartmentItem) => {
    const ask = `停用「${item.name}」后不能再派它报到；已派给它的诉求仍可查看，请改派其他部门。可随时重新启用。`;
    if (!(await confirm('停用部门', ask))) return;
    await change.run(async () => {
      const r = await departmentsApi.stop(item.id);
      setStoppedCases({ departmentId: item.id, items: r.openCases });
    }, '已停用');
  };

  return (
    <PageShell className="depts" testId="page-departments">
      <ErrorLine message={remote.error} onRetry={() => void remote.reload()} />
      {remote.loading && !d ? <Loading /> : null}
      {d ? (
        <View>
          {canManage ? (
            <StaffNote>吹哨至街道后，可派这里在用的部门到场报到；停用的部门不再被派，已派的诉求请改派。</StaffNote>
          ) : (
            <StaffNote testId="depts-readonly">职能部门由街道管理员维护，社区可查看部门和联系电话。</StaffNote>
          )}
          <ErrorLine message={adding || editing ? undefined : change.error} testId="depts-error" />
          {canManage && !adding ? (
            <BigButton kind="secondary" onClick={() => setAdding(true)} testId="dept-new">
              ＋ 添加部门
            </BigButton>
          ) : null}
          {adding ? (
            <View className="card">
              <DepartmentForm
                categories={d.categories}
                busy={change.busy}
                error={change.error}
                onCancel={() => setAdding(false)}
                onSave={async (fields) => {
                  if (await change.run(() => departmentsApi.create(fields), '已添加部门')) setAdding(false);
                }}
              />
            </View>
          ) : null}
          {d.items.length === 0 ? <EmptyState icon="inbox" title="还没有职能部门" /> : null}
          {d.items.map((item) => (
            <View key={item.id} className="card depts__card" data-testid="dept-card" data-dept-id={item.id} data-active={item.active}>
              <View className="depts__head">
                <Text className="depts__name" data-testid="dept-card-name">
                  {item.name}
                </Text>
                <StaffTag tone={item.active ? 'green' : 'grey'}>{item.active ? '在用' : '已停用'}</StaffTag>
              </View>
              {editing === item.id ? (
                <DepartmentForm
                  item={item}
                  categories={d.categories}
                  busy={change.busy}
                  error={change.error}
                  onCancel={() => setEditing(undefined)}
                  onSave={async (f) => {
                    const fields = { name: f.name, handles: f.handles ?? '', categoryIds: f.categoryIds ?? [], phone: f.phone ?? null };
                    if (await change.run(() => departmentsApi.update(item.id, fields), '已保存')) setEditing(undefined);
                  }}
                />
              ) : (
                <DepartmentFacts item={item} />
              )}
              <Accounts item={item} canManage={canManage} change={change} />
              {canManage && editing !== item.id ? (
                <View className="depts__actions">
                  <View className="depts__button" onClick={() => setEditing(item.id)} data-testid="dept-edit">
                    修改
                  </View>
                  {item.active ? (
                    <>
                      <View
                        className="depts__button"
                        onClick={() => void change.run(async () => setInvite(await departmentsApi.invite(item.id)), '已生成邀请码')}
                        data-testid="dept-invite"
                      >
                        添加账号
                      </View>
                      <View className="depts__button depts__button--danger" onClick={() => void stop(item)} data-testid="dept-stop">
                        停用
                      </View>
                    </>
                  ) : (
                    <View
                      className="depts__button"
                      onClick={() => void change.run(() => departmentsApi.restart(item.id), '已重新启用')}
                      data-testid="dept-restart"
                    >
                      重新启用
                    </View>
                  )}
                </View>
              ) : null}
              {invite?.departmentId === item.id ? (
                <View className="depts__invite" data-testid="dept-invite-card">
                  <View>请该部门的工作人员在小程序「我的 → 绑定五员身份」输入邀请码（一次有效）：</View>
                  <View className="depts__invite-code" data-testid="dept-invite-code">
                    {invite.code}
                  </View>
                  <BigButton kind="secondary" onClick={() => setInvite(undefined)}>
                    关闭
                  </BigButton>
                </View>
              ) : null}
              {!item.active && item.openCases > 0 ? (
                <OpenCases departmentId={item.id} known={stoppedCases?.departmentId === item.id ? stoppedCases.items : undefined} />
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}

function DepartmentFacts({ item }: { item: DepartmentItem }) {
  return (
    <View className="depts__facts">
      {item.handles ? <View data-testid="dept-card-handles">{`负责：${item.handles}`}</View> : null}
      {item.categoryNames.length ? <View data-testid="dept-card-categories">{`类别：${item.categoryNames.join('、')}`}</View> : null}
      {item.phone ? <PhoneLink phone={item.phone} testId="dept-card-phone" /> : null}
      <View data-testid="dept-card-open">{`未办结诉求：${item.openCases} 件`}</View>
    </View>
  );
}

type Change = ReturnType<typeof useChange>;

function Accounts({ item, canManage, change }: { item: DepartmentItem; canManage: boolean; change: Change }) {
  return (
    <View className="depts__accounts" data-testid="dept-accounts">
      <View className="depts__section">{`登录账号（${item.accounts.length}）`}</View>
      {item.accounts.length === 0 ? <View className="depts__muted">还没有账号，点「添加账号」生成邀请码。</View> : null}
      {item.accounts.map((a) => (
        <View key={a.accountId} className="depts__account" data-testid="dept-account">
          <Text>{a.name}</Text>
          {a.phone ? <Text className="depts__muted">{a.phone}</Text> : null}
          {canManage ? (
            <View
              className="depts__button depts__button--danger"
              onClick={async () => {
                if (await confirm('移除账号', `移除后「${a.name}」不能再以${item.name}的身份登录。`))
                  void change.run(() => departmentsApi.removeAccount(item.id, a.accountId), '已移除');
              }}
              data-testid="dept-account-remove"
            >
              移除
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}

/** A stopped department's open cases: each opens the case page, where the street admin 改派 it. */
function OpenCases({ departmentId, known }: { departmentId: string; known?: DepartmentCase[] }) {
  const remote = useRemote(() => departmentsApi.cases(departmentId), known === undefined);
  const items = known ?? remote.data?.items ?? [];
  return (
    <View className="depts__cases" data-testid="dept-open-cases">
      <View className="depts__section">已派给该部门、未办结的诉求（请改派）</View>
      <ErrorLine message={remote.error} onRetry={() => void remote.reload()} />
      {items.map((c) => (
        <View
          key={c.id}
          className="depts__case"
          hoverClass="depts__case--pressed"
          onClick={() => void Taro.navigateTo({ url: STAFF_ROUTES.adminCase(c.id) })}
          data-testid="dept-open-case"
        >
          <Text>{`${c.no ? `${c.no} ` : ''}${c.communityName} · ${c.categoryName}`}</Text>
          <Text className="depts__muted">{c.waiting ? '待报到 ›' : `${c.statusName} ›`}</Text>
        </View>
      ))}
    </View>
  );
}

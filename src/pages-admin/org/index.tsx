import { useMemo, useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { LabelledInput } from '../../components/labelled-field';
import { ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffChips, StaffNote, StaffTag } from '../../components/staff-ui';
import { adminApi, type AdminGrid, type AdminMember, type Invite } from '../../services/admin-api';
import type { MemberRole } from '../../services/member-api';
import { isPhone, textProblem } from '../../utils/staff-form';
import { deactivatedNote } from '../../utils/staff-org';
import { byName } from '../../utils/staff-sort';
import { useChange } from '../../utils/use-change';
import { ROLE_CHOICES } from '../../utils/roles';
import { useRemote } from '../../utils/use-remote';
import './index.scss';
import { useSignedIn } from '../../state/staff-profile';
import { COLORS } from '../../styles/colors';
import { CallLink } from '../../components/call-link';
import { BuildingLocation } from './building-location';

/** 网格与人员: grids and their households, buildings, the five members of each grid, invite codes. */
export default function OrgPage() {
  const router = useRouter();
  const grids = useRemote(() => adminApi.listGrids(), useSignedIn());
  const [communityId, setCommunityId] = useState<string | undefined>(router.params.communityId);
  const [invite, setInvite] = useState<Invite>();
  const change = useChange(grids.reload);

  usePullDownRefresh(() => {
    void grids.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const all = grids.data?.items ?? [];
  const communities = useMemo(() => {
    const m = new Map<string, string>();
    for (const g of all) m.set(g.communityId, g.communityName);
    return [...m.entries()].map(([id, name]) => ({ value: id, label: name }));
  }, [all]);
  const current = communityId ?? communities[0]?.value;
  const shown = all.filter((g) => g.communityId === current && g.active).sort(byName);
  const stopped = all.filter((g) => g.communityId === current && !g.active);

  const makeInvite = async (m: AdminMember) => {
    await change.run(async () => setInvite(await adminApi.createInvite(m.id)), '已生成邀请码');
  };

  return (
    <PageShell className="org" testId="page-org">
      {communities.length > 1 ? (
        <StaffChips options={communities} value={current} onChange={setCommunityId} testId="org-community" scroll />
      ) : null}
      <ErrorLine message={grids.error} onRetry={() => void grids.reload()} />
      <ErrorLine message={change.error} testId="org-error" />
      {grids.loading && !grids.data ? <Loading /> : null}

      {shown.map((g) => (
        <GridCard
          key={g.id}
          grid={g}
          reload={grids.reload}
          invite={invite}
          onInvite={(m) => void makeInvite(m)}
          onCloseInvite={() => setInvite(undefined)}
        />
      ))}
      {grids.data && current ? <NewGrid communityId={current} reload={grids.reload} /> : null}
      {stopped.length ? (
        <View>
          <SectionTitle>已停用的网格</SectionTitle>
          {stopped.map((g) => (
            <StaffNote key={g.id}>
              {g.name}（{g.households}户）
            </StaffNote>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}

type Change = ReturnType<typeof useChange>;

function InviteCard({ invite, onClose }: { invite: Invite; onClose: () => void }) {
  return (
    <View className="org__invite" data-testid="invite-card">
      <View className="org__invite-title">
        邀请码 · {invite.roleName} {invite.memberName}
      </View>
      <View className="org__invite-code" data-testid="invite-code">
        {invite.code}
      </View>
      <View className="org__hint">
        请把邀请码告诉本人，本人在小程序里打开「绑定五员身份」输入即可，只能用一次。
        {invite.alreadyBound ? '该成员已绑定过微信，绑定新微信后旧的自动失效。' : ''}
      </View>
      <View className="staff-form__buttons">
        <BigButton kind="secondary" onClick={onClose} testId="invite-close">
          关闭
        </BigButton>
        <BigButton onClick={() => void Taro.setClipboardData({ data: invite.code }).catch(() => undefined)} testId="invite-copy">
          复制
        </BigButton>
      </View>
    </View>
  );
}

function GridCard({
  grid,
  reload,
  invite,
  onInvite,
  onCloseInvite,
}: {
  grid: AdminGrid;
  reload: () => Promise<void>;
  invite?: Invite;
  onInvite: (m: AdminMember) => void;
  onCloseInvite: () => void;
}) {
  // Each grid says what went wrong where it happened (the server's words, e.g. the household limit).
  const change = useChange(reload);
  const [households, setHouseholds] = useState<string>();
  const [building, setBuilding] = useState('');
  const [locating, setLocating] = useState<string>();
  const [adding, setAdding] = useState<MemberRole>();
  // After a member is stopped: how many of their open cases were passed on, and how many are left.
  const [stopped, setStopped] = useState<{ text: string; open: number }>();
  const members = grid.members.filter((m) => m.active);

  const saveHouseholds = async () => {
    const n = Number(households);
    if (!Number.isInteger(n) || n < 1) {
      change.setError('户数须为正整数');
      return;
    }
    if (await change.run(() => adminApi.updateGrid(grid.id, { households: n }), '已保存户数')) setHouseholds(undefined);
  };

  const addBuilding = async () => {
    const problem = textProblem(building, '楼栋名称', 30);
    if (problem) {
      change.setError(problem);
      return;
    }
    if (await change.run(() => adminApi.createBuilding(grid.id, building.trim()), '已添加楼栋')) setBuilding('');
  };

  const confirm = async (title: string, content: string): Promise<boolean> =>
    (await Taro.showModal({ title, content, confirmText: '确定', confirmColor: COLORS.primary })).confirm;

  return (
    <View className="card org__grid" data-testid="grid-card" data-grid-id={grid.id}>
      <View className="org__grid-head">
        <Text className="org__grid-name">{grid.name}</Text>
        <Text className="org__grid-households" data-testid="grid-households">
          {grid.households}户 / 上限{grid.householdLimit}户
        </Text>
      </View>
      <ErrorLine message={change.error} testId="grid-error" />
      {households === undefined ? (
        <View className="org__link" onClick={() => setHouseholds(String(grid.households))} data-testid="grid-edit-households">
          修改户数
        </View>
      ) : (
        <LabelledInput
          label={`${grid.name}户数`}
          type="number"
          value={households}
          onChange={setHouseholds}
          testId="grid-households-input"
          instance={grid.id}
          beside={
            <>
              <View className="org__inline-go" onClick={() => void saveHouseholds()} data-testid="grid-households-save">
                保存
              </View>
              <View className="org__inline-cancel" onClick={() => setHouseholds(undefined)}>
                取消
              </View>
            </>
          }
        />
      )}

      <View className="org__section">楼栋</View>
      <View className="org__buildings">
        {grid.buildings
          .filter((b) => b.active)
          .map((b) => (
            <View key={b.id} className="org__building" data-testid="grid-building">
              <Text
                className="org__building-name"
                onClick={() => setLocating(locating === b.id ? undefined : b.id)}
                data-testid="building-edit-location"
              >
                {b.name}
                {b.latitude !== undefined ? ' · 已定位' : ' · 未定位'}
              </Text>
              <Text
                className="org__building-x"
                onClick={async () => {
                  if (await confirm('停用楼栋', `停用「${b.name}」后居民不能再选这栋上报，已有诉求照常办理。`))
                    void change.run(() => adminApi.deactivateBuilding(b.id), '已停用');
                }}
              >
                ✕
              </Text>
            </View>
          ))}
      </View>
      {grid.buildings
        .filter((b) => b.active && b.id === locating)
        .map((b) => (
          <BuildingLocation key={b.id} building={b} change={change} onClose={() => setLocating(undefined)} />
        ))}
      <LabelledInput
        label={`${grid.name}新楼栋`}
        value={building}
        placeholder="新楼栋，如 9栋"
        onChange={setBuilding}
        testId="building-name"
        instance={grid.id}
        beside={
          <View className="org__inline-go" onClick={() => void addBuilding()} data-testid="building-add">
            添加
          </View>
        }
      />

      <View className="org__section">五员共治小组</View>
      {members.map((m) => (
        <View key={m.id} className="org__member" data-testid="org-member" data-member-id={m.id} data-role={m.role}>
          <View className="org__member-head">
            <Text className="org__member-role">{m.roleName}</Text>
            <Text>{m.name}</Text>
            <StaffTag tone={m.onDuty ? 'green' : 'grey'}>{m.onDuty ? '在岗' : '休息'}</StaffTag>
            {m.bound ? <StaffTag tone="blue">已绑定</StaffTag> : <StaffTag tone="orange">未绑定</StaffTag>}
          </View>
          {m.phone ? (
            <View className="org__member-phone">
              <CallLink phone={m.phone} label={`${m.phone}（拨打）`} testId="member-call" />
            </View>
          ) : null}
          <View className="org__member-actions">
            <View className="org__chip-button" onClick={() => onInvite(m)} data-testid="member-invite">
              邀请码
            </View>
            <View
              className="org__chip-button"
              onClick={() =>
                void change.run(() => adminApi.updateMember(m.id, { onDuty: !m.onDuty }), m.onDuty ? '已设为休息' : '已设为在岗')
              }
              data-testid="member-duty"
            >
              {m.onDuty ? '设为休息' : '设为在岗'}
            </View>
            <View
              className="org__chip-button org__chip-button--danger"
              onClick={async () => {
                const ask = `停用 ${m.roleName} ${m.name} 后不再派新任务，绑定的微信失去该身份；TA 名下未办结的诉求按角色改派给本网格其他成员。`;
                if (!(await confirm('停用成员', ask))) return;
                let done = { openCases: 0, rerouted: 0 };
                setStopped(undefined);
                if (await change.run(async () => (done = await adminApi.deactivateMember(m.id)), '已停用'))
                  setStopped({ text: deactivatedNote(m, done.openCases, done.rerouted), open: done.openCases });
              }}
              data-testid="member-deactivate"
            >
              停用
            </View>
          </View>
          {invite?.memberId === m.id ? <InviteCard invite={invite} onClose={onCloseInvite} /> : null}
        </View>
      ))}
      {stopped ? (
        <StaffNote tone={stopped.open > 0 ? 'red' : 'green'} testId="member-deactivated">
          {stopped.text}
        </StaffNote>
      ) : null}
      {grid.missingRoles.length ? (
        <StaffNote tone="red" testId="grid-missing">
          缺：{grid.missingRoles.map((r) => r.roleName).join('、')}
        </StaffNote>
      ) : null}
      {adding ? (
        <NewMember grid={grid} role={adding} change={change} onClose={() => setAdding(undefined)} />
      ) : (
        <BigButton kind="plain" onClick={() => setAdding(grid.missingRoles[0]?.role ?? 'grid_worker')} testId="member-add">
          ＋ 添加成员
        </BigButton>
      )}
      <View
        className="org__link org__link--danger"
        onClick={async () => {
          if (await confirm('停用网格', `停用「${grid.name}」及其楼栋后不再接收新诉求，未办结的照常办理。`))
            void change.run(() => adminApi.deactivateGrid(grid.id), '已停用网格');
        }}
        data-testid="grid-deactivate"
      >
        停用网格
      </View>
    </View>
  );
}

function NewMember({ grid, role: initial, change, onClose }: { grid: AdminGrid; role: MemberRole; change: Change; onClose: () => void }) {
  const [role, setRole] = useState<MemberRole>(initial);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const save = async () => {
    const problem = textProblem(name, '姓名', 20) ?? (phone.trim() && !isPhone(phone) ? '电话格式不正确' : undefined);
    if (problem) {
      change.setError(problem);
      return;
    }
    if (await change.run(() => adminApi.createMember(grid.id, role, name.trim(), phone.trim() || undefined), '已添加成员')) onClose();
  };
  return (
    <View className="org__new" data-testid="member-form">
      <View className="staff-form__label">角色</View>
      <StaffChips options={ROLE_CHOICES} value={role} onChange={setRole} testId="member-role" />
      <LabelledInput label="姓名" required value={name} maxlength={20} onChange={setName} testId="member-name" />
      <LabelledInput label="电话（选填）" type="number" value={phone} maxlength={13} onChange={setPhone} testId="member-phone" />
      <View className="staff-form__buttons">
        <BigButton kind="secondary" onClick={onClose}>
          取消
        </BigButton>
        <BigButton disabled={change.busy} onClick={() => void save()} testId="member-save">
          保存
        </BigButton>
      </View>
    </View>
  );
}

function NewGrid({ communityId, reload }: { communityId: string; reload: () => Promise<void> }) {
  const change = useChange(reload);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [households, setHouseholds] = useState('');
  const save = async () => {
    const n = Number(households);
    const problem = textProblem(name, '网格名称', 30) ?? (!Number.isInteger(n) || n < 1 ? '户数须为正整数' : undefined);
    if (problem) {
      change.setError(problem);
      return;
    }
    if (await change.run(() => adminApi.createGrid(communityId, name.trim(), n), '已新建网格')) {
      setOpen(false);
      setName('');
      setHouseholds('');
    }
  };
  if (!open)
    return (
      <BigButton kind="secondary" onClick={() => setOpen(true)} testId="grid-new">
        ＋ 新建网格
      </BigButton>
    );
  return (
    <View className="card" data-testid="grid-form">
      <View className="org__grid-name">新建网格</View>
      <View className="org__hint">城市社区每个网格不超过500户，农村社区不超过300户。</View>
      <LabelledInput
        label="网格名称"
        required
        value={name}
        maxlength={30}
        placeholder="如 第三网格"
        onChange={setName}
        testId="grid-name"
      />
      <LabelledInput label="户数" required type="number" value={households} onChange={setHouseholds} testId="grid-households-new" />
      <ErrorLine message={change.error} testId="grid-form-error" />
      <View className="staff-form__buttons">
        <BigButton kind="secondary" onClick={() => setOpen(false)}>
          取消
        </BigButton>
        <BigButton disabled={change.busy} onClick={() => void save()} testId="grid-save">
          保存
        </BigButton>
      </View>
    </View>
  );
}

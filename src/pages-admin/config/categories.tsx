import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { LabelledInput, LabelledTextarea } from '../../components/labelled-field';
import { ErrorLine, Loading } from '../../components/notice';
import { StaffChips, StaffNote, StaffTag } from '../../components/staff-ui';
import { adminApi, type AdminCategory, type CategoryKind } from '../../services/admin-api';
import type { MemberRole } from '../../services/member-api';
import { chars, textProblem } from '../../utils/staff-form';
import { useChange } from '../../utils/use-change';
import { useRemote } from '../../utils/use-remote';
import { ROLE_CHOICES, roleName } from '../../utils/roles';
import { loadCommunities, type CommunityRef } from './shared';
import { CategoryIcon } from '../../components/icon/category';
import { CategoryReturns, ReturnSummary, useReturnCounts } from './return-hints';

const KINDS: ReadonlyArray<{ value: CategoryKind; label: string }> = [
  { value: 'demand', label: '诉求' },
  { value: 'dispute', label: '矛盾纠纷' },
  { value: 'hazard', label: '安全隐患' },
];
const kindLabel = (k: CategoryKind): string => KINDS.find((x) => x.value === k)?.label ?? k;
const PUBLIC_CHOICES = [
  { value: 'public', label: '默认公开' },
  { value: 'private', label: '默认不公开' },
] as const;

interface Data {
  categories: AdminCategory[];
  communities: CommunityRef[];
}
const load = async (): Promise<Data> => {
  const [c, communities] = await Promise.all([adminApi.listCategories(), loadCommunities()]);
  return { categories: c.items, communities };
};

/**
 * 问题类别. The street keeps the list (names, kinds, the default role, visibility); each community may
 * send a category to another of its five roles. A community admin sees their own community's role.
 */
export function Categories({ street }: { street: boolean }) {
  const data = useRemote(load, true);
  const s = useChange(data.reload);
  const [open, setOpen] = useState<string>();
  const communities = data.data?.communities ?? [];
  // A community admin of one community sees and sets that community's role directly.
  const own = !street && communities.length === 1 ? communities[0] : undefined;
  // 退单 counts of one community: the admin's own, or the one a street admin picks.
  const [picked, setPicked] = useState<string>();
  const returnsOf = own?.id ?? picked ?? communities[0]?.id;
  const returns = useReturnCounts(returnsOf);
  const returnData = returns.data?.communityId === returnsOf ? returns.data : undefined;
  return (
    <View data-testid="config-categories">
      <StaffNote>
        {street
          ? '类别由街道统一设置。居民选择类别后，按对应角色派给本网格的成员；各社区可以把某类问题改派给本社区的其他角色。'
          : '类别由街道统一设置；本社区可以调整每类问题派给五员中的哪个角色，点类别即可修改。'}
      </StaffNote>
      <ErrorLine message={data.error ?? s.error} onRetry={data.error ? () => void data.reload() : undefined} />
      {data.loading && !data.data ? <Loading /> : null}
      {communities.length ? (
        <ReturnSummary returns={returns} communities={own ? [] : communities} communityId={returnsOf} onCommunity={setPicked} />
      ) : null}
      {(data.data?.categories ?? []).map((c) => {
        const mine = own ? c.overrides.find((o) => o.communityId === own.id) : undefined;
        // A stopped category routes nothing: only the street edits it (to start it again).
        const canEdit = street || (communities.length > 0 && c.active);
        return (
          <View
            key={c.id}
            className={`card config__item ${c.active ? '' : 'config__item--off'}`}
            data-testid="category-row"
            data-category-id={c.id}
          >
            <View className="config__item-head" onClick={() => canEdit && setOpen(open === c.id ? undefined : c.id)}>
              <View className="config__item-name">
                <CategoryIcon icon={c.icon} name={c.name} className="config__item-icon" initial={false} />
                {c.name}
              </View>
              <Text className="config__item-role" data-testid="category-role">
                → {mine ? mine.roleName : c.roleName}
              </Text>
            </View>
            <View className="config__item-meta">
              <StaffTag tone={c.kind === 'demand' ? 'grey' : c.kind === 'dispute' ? 'orange' : 'red'}>{kindLabel(c.kind)}</StaffTag>
              <StaffTag tone={c.defaultPublic ? 'green' : 'grey'}>{c.defaultPublic ? '默认公开' : '默认不公开'}</StaffTag>
              {!c.active ? <StaffTag>已停用</StaffTag> : null}
              {mine ? <StaffTag tone="orange">本社区已调整（街道默认：{c.roleName}）</StaffTag> : null}
              {canEdit ? <Text className="config__edit">{open === c.id ? '收起' : '修改'}</Text> : null}
            </View>
            <CategoryReturns returns={returnData} categoryId={c.id} />
            {!own && c.overrides.length > 0 ? (
              <View className="config__muted" data-testid="category-overrides">
                社区调整：{c.overrides.map((o) => `${o.communityName} → ${o.roleName}`).join('；')}
              </View>
            ) : null}
            {canEdit && open === c.id ? (
              <View className="config__editor" data-testid="category-editor">
                {street ? <StreetFields category={c} save={s.run} setError={s.setError} busy={s.busy} /> : null}
                {c.active ? <CommunityRole category={c} communities={communities} own={own} save={s.run} /> : null}
              </View>
            ) : null}
          </View>
        );
      })}
      {street && data.data ? <NewCategory save={s.run} setError={s.setError} busy={s.busy} /> : null}
    </View>
  );
}

type Save = (run: () => Promise<unknown>, message: string) => Promise<boolean>;

/** The street's fields of one category: name, default role, kind, visibility, on or off. */
function StreetFields({
  category: c,
  save,
  setError,
  busy,
}: {
  category: AdminCategory;
  save: Save;
  setError: (m: string) => void;
  busy: boolean;
}) {
  const [name, setName] = useState(c.name);
  const rename = () => {
    const problem = textProblem(name, '类别名称', 10);
    if (problem) return setError(problem);
    if (name.trim() === c.name) return setError('名称没有变化');
    void save(() => adminApi.updateCategory(c.id, { name: name.trim() }), '已改名');
  };
  const [examples, setExamples] = useState(c.examples ?? '');
  const saveExamples = () => {
    if (chars(examples.trim()) > 60) return setError('举例说明最多60字');
    void save(() => adminApi.updateCategory(c.id, { examples: examples.trim() }), examples.trim() ? '举例已保存' : '已恢复默认举例');
  };
  return (
    <View>
      <LabelledInput
        label="名称"
        value={name}
        maxlength={10}
        onChange={setName}
        testId="category-name-input"
        beside={
          <BigButton kind="secondary" disabled={busy} onClick={rename} testId="category-rename" className="config__inline-button">
            改名
          </BigButton>
        }
      />
      <LabelledTextarea
        label="居民看到的举例"
        hint="留空恢复默认"
        value={examples}
        maxlength={60}
        autoHeight
        placeholder="还没有街道自己的举例，居民看到的是默认举例"
        onChange={setExamples}
        testId="category-examples-input"
      />
      <BigButton kind="secondary" disabled={busy} onClick={saveExamples} testId="category-examples-save">
        保存举例
      </BigButton>
      <View className="staff-form__label">街道默认派给</View>
      <StaffChips
        options={ROLE_CHOICES}
        value={c.role}
        onChange={(role) => void save(() => adminApi.updateCategory(c.id, { role }), '已修改')}
        testId={`category-role-${c.id}`}
      />
      <View className="staff-form__label">类型（决定进入哪本台账）</View>
      <StaffChips
        options={KINDS}
        value={c.kind}
        onChange={(kind) => void save(() => adminApi.updateCategory(c.id, { kind }), '已修改')}
        testId={`category-kind-${c.id}`}
      />
      <StaffChips
        options={PUBLIC_CHOICES}
        value={c.defaultPublic ? 'public' : 'private'}
        onChange={(v) => void save(() => adminApi.updateCategory(c.id, { defaultPublic: v === 'public' }), '已修改')}
        testId={`category-public-${c.id}`}
      />
      <BigButton
        kind="plain"
        disabled={busy}
        onClick={() => void save(() => adminApi.updateCategory(c.id, { active: !c.active }), c.active ? '已停用' : '已启用')}
        testId="category-toggle"
      >
        {c.active ? '停用这个类别' : '重新启用'}
      </BigButton>
    </View>
  );
}

/** The role one community sends a category to; `null` goes back to the street's default. */
function CommunityRole({
  category: c,
  communities,
  own,
  save,
}: {
  category: AdminCategory;
  communities: CommunityRef[];
  own: CommunityRef | undefined;
  save: Save;
}) {
  const [picked, setPicked] = useState<string | undefined>(own?.id ?? communities[0]?.id);
  const community = communities.find((x) => x.id === picked);
  if (!community) return null;
  const override = c.overrides.find((o) => o.communityId === community.id);
  const set = (role: MemberRole | null) =>
    void save(() => adminApi.setCategoryRole(community.id, c.id, role), role === null ? '已恢复默认' : `已改派给${roleName(role)}`);
  return (
    <View data-testid="category-community">
      {own ? null : (
        <>
          <View className="staff-form__label">社区调整</View>
          <StaffChips
            options={communities.map((x) => ({ value: x.id, label: x.name }))}
            value={community.id}
            onChange={setPicked}
            testId="category-community-pick"
            scroll
          />
        </>
      )}
      <View className="staff-form__label">{own ? '本社区派给' : `${community.name}派给`}</View>
      <StaffChips
        options={ROLE_CHOICES}
        value={override?.role ?? c.role}
        onChange={(role) => set(role)}
        testId={`category-community-role-${c.id}`}
      />
      {override ? (
        <BigButton kind="plain" onClick={() => set(null)} testId="category-community-reset">
          恢复街道默认（{c.roleName}）
        </BigButton>
      ) : null}
    </View>
  );
}

/** 新增类别: the street adds a category; it shows to residents at once. */
function NewCategory({ save, setError, busy }: { save: Save; setError: (m: string) => void; busy: boolean }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [icon, setIcon] = useState('');
  const [role, setRole] = useState<MemberRole>();
  const [kind, setKind] = useState<CategoryKind>('demand');
  const [visibility, setVisibility] = useState<'public' | 'private'>('public');
  if (!open)
    return (
      <BigButton kind="secondary" onClick={() => setOpen(true)} testId="category-new">
        ＋ 新增类别
      </BigButton>
    );
  const submit = async () => {
    const problem = textProblem(name, '类别名称', 10) ?? (chars(icon.trim()) > 2 ? '图标请只填一个表情符号' : undefined);
    if (problem) return setError(problem);
    if (!role) return setError('请选择这类问题派给谁');
    const done = await save(
      () =>
        adminApi.createCategory({
          name: name.trim(),
          role,
          kind,
          defaultPublic: visibility === 'public',
          ...(icon.trim() ? { icon: icon.trim() } : {}),
        }),
      '已新增类别',
    );
    if (done) {
      setOpen(false);
      setName('');
      setIcon('');
      setRole(undefined);
    }
  };
  return (
    <View className="card config__editor-card" data-testid="category-form">
      <View className="config__item-name">新增类别</View>
      <LabelledInput
        label="名称"
        required
        hint="最多10字"
        value={name}
        maxlength={10}
        placeholder="如 路灯照明"
        onChange={setName}
        testId="category-form-name"
      />
      <LabelledInput
        label="图标（可不填）"
        value={icon}
        maxlength={8}
        placeholder="图标：表情符号或图标名，如 lightbulb"
        onChange={setIcon}
        testId="category-form-icon"
      />
      <View className="staff-form__label">派给</View>
      <StaffChips options={ROLE_CHOICES} value={role} onChange={setRole} testId="category-form-role" />
      <View className="staff-form__label">类型</View>
      <StaffChips options={KINDS} value={kind} onChange={setKind} testId="category-form-kind" />
      <View className="staff-form__label">公示栏</View>
      <StaffChips options={PUBLIC_CHOICES} value={visibility} onChange={setVisibility} testId="category-form-public" />
      <View className="staff-form__buttons">
        <BigButton kind="secondary" onClick={() => setOpen(false)}>
          取消
        </BigButton>
        <BigButton disabled={busy} onClick={() => void submit()} testId="category-form-submit">
          保存类别
        </BigButton>
      </View>
    </View>
  );
}

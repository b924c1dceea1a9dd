import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { LabelledInput } from '../../components/labelled-field';
import { ErrorLine, Loading } from '../../components/notice';
import { StaffChips, StaffNote, StaffTag } from '../../components/staff-ui';
import { adminApi, type PolicyView } from '../../services/admin-api';
import { fromForm, toForm, type DurationText, type PolicyFormFields, type Severity, SEVERITY_LABELS } from '../../utils/policy-form';
import { useChange } from '../../utils/use-change';
import { useRemote } from '../../utils/use-remote';
import { UNITS, durationText, loadCommunities, type CommunityRef } from './shared';

const SEVERITIES: readonly Severity[] = ['simple', 'complex', 'major'];
const SHARES = [0.5, 0.6, 0.7, 0.8, 0.9];
const STREET_WIDE = 'street';

interface Data {
  policies: PolicyView[];
  communities: CommunityRef[];
}
const load = async (): Promise<Data> => {
  const [p, communities] = await Promise.all([adminApi.listPolicies(), loadCommunities()]);
  return { policies: p.items, communities };
};

/** 时限方案: which policy each community runs, the policies, and an editor for custom ones. */
export function Policies({ street }: { street: boolean }) {
  const data = useRemote(load, true);
  const s = useChange(data.reload);
  const [form, setForm] = useState<PolicyForm>();
  const policies = data.data?.policies ?? [];
  const communities = data.data?.communities ?? [];
  const policyOf = (communityId: string) => policies.find((p) => p.usedBy.some((u) => u.id === communityId));

  const open = (p: PolicyView, edit: boolean) => {
    const scope = p.communityId ?? (street ? STREET_WIDE : (communities[0]?.id ?? STREET_WIDE));
    setForm({
      ...toForm(p),
      ...(edit ? { id: p.id } : { name: `${p.name}（自定义）`.slice(0, 30) }),
      scope,
      apply: !edit && !street,
    });
  };

  const save = async (f: PolicyForm) => {
    const parsed = fromForm(f);
    if (typeof parsed === 'string') return s.setError(parsed);
    const communityId = f.scope === STREET_WIDE ? undefined : f.scope;
    const done = await s.run(
      async () => {
        const saved = await adminApi.savePolicy({ ...parsed, ...(f.id ? { id: f.id } : {}), ...(communityId ? { communityId } : {}) });
        if (f.apply && communityId) await adminApi.setCommunityPolicy(communityId, saved.id);
      },
      f.apply && communityId ? '已保存并启用' : '已保存方案',
    );
    if (done) setForm(undefined);
  };

  return (
    <View data-testid="config-policies">
      <StaffNote>
        三日办结：一般问题3个工作日内办结；5341：5分钟响应、30分钟办结一般问题、4小时办结复杂问题、重大问题1天内拿出方案。工作日按国家法定节假日和调休计算。换用方案后，新的诉求按新方案计时，已在办的不变。
      </StaffNote>
      <ErrorLine message={data.error ?? s.error} onRetry={data.error ? () => void data.reload() : undefined} />
      {data.loading && !data.data ? <Loading /> : null}
      {communities.map((c) => (
        <View key={c.id} className="card" data-testid="policy-community" data-community-id={c.id}>
          <View className="config__item-name">{c.name}</View>
          <View className="config__muted" data-testid="policy-current">
            当前方案：{policyOf(c.id)?.name ?? '三日办结'}
          </View>
          <StaffChips
            options={policies
              .filter((p) => p.communityId === undefined || p.communityId === c.id)
              .map((p) => ({ value: p.id, label: p.name }))}
            value={policyOf(c.id)?.id}
            onChange={(policyId) => void s.run(() => adminApi.setCommunityPolicy(c.id, policyId), '已切换方案')}
            testId={`policy-choose-${c.id}`}
          />
        </View>
      ))}
      {policies.map((p) => (
        <View key={p.id} className="card config__item" data-testid="policy-row" data-policy-id={p.id}>
          <View className="config__item-head">
            <Text className="config__item-name">{p.name}</Text>
            <StaffTag tone={p.preset ? 'blue' : 'orange'}>
              {p.preset ? '预置' : p.communityId ? (communities.find((c) => c.id === p.communityId)?.name ?? '社区') : '全街道'}
            </StaffTag>
          </View>
          {p.summary.map((line) => (
            <View key={line} className="config__muted">
              {line}
            </View>
          ))}
          <View className="config__muted">
            部门报到 {durationText(p.departmentReport)}内 · 街道 {durationText(p.streetResolve)}内拿出方案 · 评价期 {p.ratingWindowDays} 天
            · 用去
            {Math.round(p.reminderShare * 100)}%时限时催办 · {p.autoEscalateOnOverdue ? '超时自动上报' : '超时只提醒管理员'}
          </View>
          {p.usedBy.length ? <View className="config__muted">使用中：{p.usedBy.map((u) => u.name).join('、')}</View> : null}
          <View className="config__links">
            {!p.preset && (street || p.communityId) ? (
              <Text className="config__link" onClick={() => open(p, true)} data-testid="policy-edit">
                修改
              </Text>
            ) : null}
            <Text className="config__link" onClick={() => open(p, false)} data-testid="policy-copy">
              以此为基础新建自定义方案
            </Text>
          </View>
        </View>
      ))}
      {form ? (
        <PolicyEditor
          form={form}
          onChange={setForm}
          communities={communities}
          street={street}
          busy={s.busy}
          onSave={() => void save(form)}
          onCancel={() => setForm(undefined)}
        />
      ) : null}
    </View>
  );
}

interface PolicyForm extends PolicyFormFields {
  id?: string;
  /** `street` (the whole street) or a community id. */
  scope: string;
  /** Switch the community to this policy once saved. */
  apply: boolean;
}

function DurationInput({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: DurationText;
  onChange: (d: DurationText) => void;
  testId: string;
}) {
  return (
    <View className="config__duration" data-testid={testId}>
      <LabelledInput
        label={label}
        className="config__amount"
        type="number"
        value={value.amount}
        onChange={(amount) => onChange({ ...value, amount })}
        testId={`${testId}-amount`}
        beside={
          <StaffChips options={UNITS} value={value.unit} onChange={(unit) => onChange({ ...value, unit })} testId={`${testId}-unit`} />
        }
      />
    </View>
  );
}

function PolicyEditor({
  form,
  onChange,
  communities,
  street,
  busy,
  onSave,
  onCancel,
}: {
  form: PolicyForm;
  onChange: (f: PolicyForm) => void;
  communities: CommunityRef[];
  street: boolean;
  busy: boolean;
  onSave: () => void;
  onCancel: () => void;
}) {
  const setLimit = (s: Severity, k: 'respond' | 'resolve' | 'escalate', d: DurationText | undefined) => {
    const next = { ...form.limits[s] };
    if (d) next[k] = d;
    else delete next[k];
    onChange({ ...form, limits: { ...form.limits, [s]: next } });
  };
  const scopes = [
    ...(street ? [{ value: STREET_WIDE, label: '全街道可用' }] : []),
    ...communities.map((c) => ({ value: c.id, label: c.name })),
  ];
  return (
    <View className="card config__editor-card" data-testid="policy-editor">
      <View className="config__item-name">{form.id ? '修改自定义方案' : '新建自定义方案'}</View>
      <LabelledInput
        label="方案名称"
        required
        value={form.name}
        maxlength={30}
        onChange={(name) => onChange({ ...form, name })}
        testId="policy-name"
      />
      {!form.id && scopes.length > 1 ? (
        <>
          <View className="staff-form__label">适用范围</View>
          <StaffChips options={scopes} value={form.scope} onChange={(scope) => onChange({ ...form, scope })} testId="policy-scope" scroll />
        </>
      ) : null}
      {SEVERITIES.map((s) => (
        <View key={s} className="config__severity" data-testid={`policy-${s}`}>
          <View className="config__severity-name">{SEVERITY_LABELS[s]}问题</View>
          <DurationInput
            label="受理时限（派单后多久内受理）"
            value={form.limits[s].respond}
            onChange={(d) => setLimit(s, 'respond', d)}
            testId={`policy-${s}-respond`}
          />
          <DurationInput
            label="办结时限（受理后多久内办结）"
            value={form.limits[s].resolve}
            onChange={(d) => setLimit(s, 'resolve', d)}
            testId={`policy-${s}-resolve`}
          />
          <View className="staff-form__label">是否须上报街道</View>
          <StaffChips
            options={[
              { value: 'no', label: '不需要' },
              { value: 'yes', label: '需要，限时上报' },
            ]}
            value={form.limits[s].escalate ? 'yes' : 'no'}
            onChange={(v) =>
              setLimit(s, 'escalate', v === 'yes' ? (form.limits[s].escalate ?? { amount: '24', unit: 'hours' }) : undefined)
            }
            testId={`policy-${s}-escalate-switch`}
          />
          {form.limits[s].escalate ? (
            <DurationInput
              label="上报街道时限"
              value={form.limits[s].escalate!}
              onChange={(d) => setLimit(s, 'escalate', d)}
              testId={`policy-${s}-escalate`}
            />
          ) : null}
        </View>
      ))}
      <DurationInput
        label="部门接到派遣后报到时限"
        value={form.departmentReport}
        onChange={(departmentReport) => onChange({ ...form, departmentReport })}
        testId="policy-department"
      />
      <DurationInput
        label="街道接到吹哨后拿出方案时限"
        value={form.streetResolve}
        onChange={(streetResolve) => onChange({ ...form, streetResolve })}
        testId="policy-street"
      />
      <LabelledInput
        label="居民评价期（天，过期自动办结）"
        className="config__amount"
        type="number"
        value={form.ratingWindowDays}
        onChange={(ratingWindowDays) => onChange({ ...form, ratingWindowDays })}
        testId="policy-rating-days"
      />
      <View className="staff-form__label">时限用去多少时催办</View>
      <StaffChips
        options={[...new Set([...SHARES, form.reminderShare])]
          .sort((a, b) => a - b)
          .map((x) => ({ value: String(x), label: `${Math.round(x * 100)}%` }))}
        value={String(form.reminderShare)}
        onChange={(v) => onChange({ ...form, reminderShare: Number(v) })}
        testId="policy-share"
      />
      <View className="staff-form__label">超时后</View>
      <StaffChips
        options={[
          { value: 'auto', label: '自动上报' },
          { value: 'tell', label: '只提醒管理员' },
        ]}
        value={form.autoEscalateOnOverdue ? 'auto' : 'tell'}
        onChange={(v) => onChange({ ...form, autoEscalateOnOverdue: v === 'auto' })}
        testId="policy-overdue"
      />
      {!form.id && form.scope !== STREET_WIDE ? (
        <StaffChips
          options={[
            { value: 'yes', label: '保存后本社区立即使用' },
            { value: 'no', label: '先保存，稍后再换' },
          ]}
          value={form.apply ? 'yes' : 'no'}
          onChange={(v) => onChange({ ...form, apply: v === 'yes' })}
          testId="policy-apply"
        />
      ) : null}
      <View className="staff-form__buttons">
        <BigButton kind="secondary" onClick={onCancel}>
          取消
        </BigButton>
        <BigButton disabled={busy} onClick={onSave} testId="policy-save">
          保存方案
        </BigButton>
      </View>
    </View>
  );
}

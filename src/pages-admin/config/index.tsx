import { useEffect, useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { ErrorLine, Loading } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffChips, StaffNote, StaffTag } from '../../components/staff-ui';
import {
  adminApi,
  type AdminCategory,
  type Duration,
  type PolicyView,
  type TemplateConfig,
  type TemplateDef,
  type TimePolicy,
} from '../../services/admin-api';
import { errorMessage } from '../../services/api-error';
import type { MemberRole, Severity } from '../../services/member-api';
import { useStaffProfile } from '../../state/staff-profile';
import { accessOf } from '../../utils/staff-access';
import { textProblem } from '../../utils/staff-form';
import { useRemote } from '../../utils/use-remote';
import './index.scss';

type Section = 'categories' | 'policies' | 'holidays' | 'templates';
const SECTIONS: ReadonlyArray<{ value: Section; label: string }> = [
  { value: 'categories', label: '问题类别' },
  { value: 'policies', label: '时限方案' },
  { value: 'holidays', label: '节假日' },
  { value: 'templates', label: '订阅消息' },
];

const ROLES: ReadonlyArray<{ value: MemberRole; label: string }> = [
  { value: 'party_leader', label: '党小组长' },
  { value: 'resident_leader', label: '居民小组长' },
  { value: 'grid_worker', label: '网格员' },
  { value: 'owners_committee', label: '业委会成员' },
  { value: 'building_steward', label: '楼栋物管员' },
];
const KIND_NAMES: Record<string, string> = { demand: '诉求', dispute: '矛盾纠纷', hazard: '安全隐患' };

const READ_ONLY = '类别、节假日和订阅消息模板由街道统一设置，社区只能查看；如需调整请联系街道管理员。';

/** 配置: categories and their role, the time-limit policy, holiday overrides, subscribe templates. */
export default function ConfigPage() {
  const access = accessOf(useStaffProfile().profile);
  const street = access.streetAdmin;
  const [section, setSection] = useState<Section>('categories');
  return (
    <PageShell className="config" testId="page-config">
      <StaffChips options={SECTIONS} value={section} onChange={setSection} testId="config-section" scroll />
      {section === 'categories' ? <Categories editable={street} /> : null}
      {section === 'policies' ? <Policies /> : null}
      {section === 'holidays' ? <Holidays editable={street} /> : null}
      {section === 'templates' ? <Templates editable={street} /> : null}
    </PageShell>
  );
}

function useSave(reload: () => Promise<void>) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const save = async (run: () => Promise<unknown>, message: string): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setError(undefined);
    try {
      await run();
      Taro.showToast({ title: message, icon: 'success' });
      await reload();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, save };
}

// ——— categories ———

function Categories({ editable }: { editable: boolean }) {
  const cats = useRemote(() => adminApi.listCategories(), true);
  const s = useSave(cats.reload);
  const [open, setOpen] = useState<string>();
  return (
    <View data-testid="config-categories">
      {!editable ? <StaffNote testId="config-read-only">{READ_ONLY}</StaffNote> : null}
      <StaffNote>居民选择类别后，按这里的对应角色派给本网格的成员。</StaffNote>
      <ErrorLine message={cats.error ?? s.error} onRetry={cats.error ? () => void cats.reload() : undefined} />
      {cats.loading && !cats.data ? <Loading /> : null}
      {(cats.data?.items ?? []).map((c: AdminCategory) => (
        <View key={c.id} className={`card config__item ${c.active ? '' : 'config__item--off'}`} data-testid="category-row">
          <View className="config__item-head" onClick={() => editable && setOpen(open === c.id ? undefined : c.id)}>
            <Text className="config__item-name">
              {c.icon ? `${c.icon} ` : ''}
              {c.name}
            </Text>
            <Text className="config__item-role">→ {c.roleName}</Text>
          </View>
          <View className="config__item-meta">
            <StaffTag tone={c.kind === 'demand' ? 'grey' : c.kind === 'dispute' ? 'orange' : 'red'}>
              {KIND_NAMES[c.kind] ?? c.kind}
            </StaffTag>
            <StaffTag tone={c.defaultPublic ? 'green' : 'grey'}>{c.defaultPublic ? '默认公开' : '默认不公开'}</StaffTag>
            {!c.active ? <StaffTag>已停用</StaffTag> : null}
            {editable ? <Text className="config__edit">{open === c.id ? '收起' : '修改'}</Text> : null}
          </View>
          {editable && open === c.id ? (
            <View className="config__editor">
              <View className="staff-form__label">派给</View>
              <StaffChips
                options={ROLES}
                value={c.role}
                onChange={(role) => void s.save(() => adminApi.updateCategory(c.id, { role }), '已修改')}
                testId={`category-role-${c.id}`}
              />
              <StaffChips
                options={[
                  { value: 'public', label: '默认公开' },
                  { value: 'private', label: '默认不公开' },
                ]}
                value={c.defaultPublic ? 'public' : 'private'}
                onChange={(v) => void s.save(() => adminApi.updateCategory(c.id, { defaultPublic: v === 'public' }), '已修改')}
                testId={`category-public-${c.id}`}
              />
              <BigButton
                kind="plain"
                onClick={() => void s.save(() => adminApi.updateCategory(c.id, { active: !c.active }), c.active ? '已停用' : '已启用')}
              >
                {c.active ? '停用这个类别' : '重新启用'}
              </BigButton>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}

// ——— time-limit policies ———

const UNITS: ReadonlyArray<{ value: Duration['unit']; label: string }> = [
  { value: 'minutes', label: '分钟' },
  { value: 'hours', label: '小时' },
  { value: 'workdays', label: '工作日' },
];
const SEVERITY_LABELS: Record<Severity, string> = { simple: '一般', complex: '复杂', major: '重大' };

interface PolicyData {
  policies: PolicyView[];
  communities: { id: string; name: string }[];
}

const loadPolicies = async (): Promise<PolicyData> => {
  const [p, g] = await Promise.all([adminApi.listPolicies(), adminApi.listGrids()]);
  const m = new Map<string, string>();
  for (const grid of g.items) m.set(grid.communityId, grid.communityName);
  return { policies: p.items, communities: [...m.entries()].map(([id, name]) => ({ id, name })) };
};

function Policies() {
  const data = useRemote(loadPolicies, true);
  const s = useSave(data.reload);
  const [draft, setDraft] = useState<Omit<TimePolicy, 'id'>>();
  const policies = data.data?.policies ?? [];
  const communities = data.data?.communities ?? [];
  const policyOf = (communityId: string) => policies.find((p) => p.usedBy.some((u) => u.id === communityId));

  // The server takes exactly the policy's fields (a strict schema): leave the view's extras out.
  const startDraft = (p: PolicyView) => {
    const { id: _id, communityId: _c, preset: _p, summary: _s, usedBy: _u, ...clean } = p;
    setDraft({ ...clean, name: `${p.name}（自定义）`.slice(0, 30) });
  };

  return (
    <View data-testid="config-policies">
      <StaffNote>
        三日办结：一般问题3个工作日内办结；5341：5分钟响应、30分钟办结一般问题、4小时办结复杂问题、重大问题1天内拿出方案。工作日按国家法定节假日和调休计算。
      </StaffNote>
      <ErrorLine message={data.error ?? s.error} onRetry={data.error ? () => void data.reload() : undefined} />
      {data.loading && !data.data ? <Loading /> : null}
      {communities.map((c) => (
        <View key={c.id} className="card" data-testid="policy-community">
          <View className="config__item-name">{c.name}</View>
          <View className="config__muted">当前方案：{policyOf(c.id)?.name ?? '三日办结'}</View>
          <StaffChips
            options={policies
              .filter((p) => p.communityId === undefined || p.communityId === c.id)
              .map((p) => ({ value: p.id, label: p.name }))}
            value={policyOf(c.id)?.id}
            onChange={(policyId) => void s.save(() => adminApi.setCommunityPolicy(c.id, policyId), '已切换方案')}
            testId={`policy-choose-${c.id}`}
          />
        </View>
      ))}
      {policies.map((p) => (
        <View key={p.id} className="card config__item" data-testid="policy-row">
          <View className="config__item-head">
            <Text className="config__item-name">{p.name}</Text>
            <StaffTag tone={p.preset ? 'blue' : 'orange'}>{p.preset ? '预置' : '自定义'}</StaffTag>
          </View>
          {p.summary.map((line) => (
            <View key={line} className="config__muted">
              {line}
            </View>
          ))}
          <View className="config__muted">
            部门报到 {p.departmentReport.amount}
            {UNITS.find((u) => u.value === p.departmentReport.unit)?.label}内 · 评价期 {p.ratingWindowDays} 天 ·{' '}
            {p.autoEscalateOnOverdue ? '超时自动上报' : '超时提醒'}
          </View>
          <View className="config__link" onClick={() => startDraft(p)} data-testid="policy-copy">
            以此为基础新建自定义方案
          </View>
        </View>
      ))}
      {draft ? (
        <PolicyEditor
          draft={draft}
          onChange={setDraft}
          busy={s.busy}
          onSave={async () => {
            const problem = textProblem(draft.name, '方案名称', 30);
            if (problem) {
              s.setError(problem);
              return;
            }
            if (await s.save(() => adminApi.savePolicy(draft), '已保存方案')) setDraft(undefined);
          }}
          onCancel={() => setDraft(undefined)}
        />
      ) : null}
    </View>
  );
}

function DurationInput({ value, onChange, testId }: { value: Duration; onChange: (d: Duration) => void; testId: string }) {
  return (
    <View className="config__duration">
      <Input
        className="staff-form__input config__amount"
        type="number"
        value={String(value.amount)}
        onInput={(e) => onChange({ ...value, amount: Math.max(1, Math.floor(Number(e.detail.value) || 1)) })}
        data-testid={testId}
      />
      <StaffChips options={UNITS} value={value.unit} onChange={(unit) => onChange({ ...value, unit })} testId={`${testId}-unit`} />
    </View>
  );
}

function PolicyEditor({
  draft,
  onChange,
  busy,
  onSave,
  onCancel,
}: {
  draft: Omit<TimePolicy, 'id'>;
  onChange: (d: Omit<TimePolicy, 'id'>) => void;
  busy: boolean;
  onSave: () => Promise<void>;
  onCancel: () => void;
}) {
  const setLimit = (s: Severity, k: 'respond' | 'resolve', d: Duration) =>
    onChange({ ...draft, limits: { ...draft.limits, [s]: { ...draft.limits[s], [k]: d } } });
  return (
    <View className="card config__editor-card" data-testid="policy-editor">
      <View className="config__item-name">自定义时限方案</View>
      <View className="staff-form__label">名称</View>
      <Input
        className="staff-form__input"
        value={draft.name}
        maxlength={30}
        onInput={(e) => onChange({ ...draft, name: e.detail.value })}
        data-testid="policy-name"
      />
      {(['simple', 'complex', 'major'] as const).map((s) => (
        <View key={s}>
          <View className="staff-form__label">{SEVERITY_LABELS[s]}问题：受理时限</View>
          <DurationInput value={draft.limits[s].respond} onChange={(d) => setLimit(s, 'respond', d)} testId={`policy-${s}-respond`} />
          <View className="staff-form__label">{SEVERITY_LABELS[s]}问题：办结时限</View>
          <DurationInput value={draft.limits[s].resolve} onChange={(d) => setLimit(s, 'resolve', d)} testId={`policy-${s}-resolve`} />
        </View>
      ))}
      <View className="staff-form__buttons">
        <BigButton kind="secondary" onClick={onCancel}>
          取消
        </BigButton>
        <BigButton disabled={busy} onClick={() => void onSave()} testId="policy-save">
          保存方案
        </BigButton>
      </View>
    </View>
  );
}

// ——— holidays ———

function Holidays({ editable }: { editable: boolean }) {
  const list = useRemote(() => adminApi.listHolidays(), true);
  const s = useSave(list.reload);
  const [date, setDate] = useState('');
  const [workday, setWorkday] = useState<'off' | 'work'>('off');
  const [note, setNote] = useState('');
  const add = async () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      s.setError('请选择日期');
      return;
    }
    if (await s.save(() => adminApi.setHoliday(date, workday === 'work', note.trim()), '已登记')) {
      setDate('');
      setNote('');
    }
  };
  return (
    <View data-testid="config-holidays">
      {!editable ? <StaffNote testId="config-read-only">{READ_ONLY}</StaffNote> : null}
      {list.data ? <StaffNote>{list.data.note}</StaffNote> : null}
      <ErrorLine message={list.error ?? s.error} onRetry={list.error ? () => void list.reload() : undefined} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.items.length === 0 ? <StaffNote>暂无例外登记。</StaffNote> : null}
      {(list.data?.items ?? []).map((h) => (
        <View key={h.id} className="card config__item" data-testid="holiday-row">
          <View className="config__item-head">
            <Text className="config__item-name">{h.date}</Text>
            <StaffTag tone={h.workday ? 'blue' : 'green'}>{h.workday ? '上班' : '放假'}</StaffTag>
          </View>
          {h.note ? <View className="config__muted">{h.note}</View> : null}
        </View>
      ))}
      {editable ? (
        <View className="card" data-testid="holiday-form">
          <View className="config__item-name">登记例外日期</View>
          <Picker mode="date" value={date || '2026-01-01'} onChange={(e) => setDate(String(e.detail.value))}>
            <View className="staff-form__input config__picker" data-testid="holiday-date">
              {date || '选择日期'}
            </View>
          </Picker>
          <StaffChips
            options={[
              { value: 'off', label: '放假' },
              { value: 'work', label: '上班（调休）' },
            ]}
            value={workday}
            onChange={setWorkday}
            testId="holiday-kind"
          />
          <Input
            className="staff-form__input"
            value={note}
            maxlength={50}
            placeholder="说明，如 防汛值守调休"
            onInput={(e) => setNote(e.detail.value)}
          />
          <BigButton disabled={s.busy} onClick={() => void add()} testId="holiday-save">
            登记
          </BigButton>
        </View>
      ) : null}
    </View>
  );
}

// ——— subscribe-message templates ———

const TEMPLATE_KINDS: ReadonlyArray<{ kind: string; label: string }> = [
  { kind: 'task_new', label: '成员：新任务' },
  { kind: 'task_reminder', label: '成员：催办提醒' },
  { kind: 'task_overdue', label: '成员：已超时' },
  { kind: 'task_transferred', label: '成员：任务转派' },
  { kind: 'task_rated', label: '成员：居民评价' },
  { kind: 'case_accepted', label: '居民：已受理' },
  { kind: 'case_progress', label: '居民：办理进展' },
  { kind: 'case_resolved', label: '居民：已办结请评价' },
  { kind: 'case_rework', label: '居民：回炉整改' },
  { kind: 'case_closed', label: '居民：已办结' },
  { kind: 'admin_unassigned', label: '管理员：待派单' },
  { kind: 'admin_overdue', label: '管理员：超时' },
  { kind: 'admin_escalation', label: '管理员：吹哨' },
  { kind: 'admin_low_rating', label: '管理员：不满意' },
  { kind: 'admin_supervision', label: '管理员：督办' },
  { kind: 'department_dispatch', label: '部门：派遣报到' },
];
const FIELD_VALUES = new Set(['title', 'body', 'caseId', 'time', 'status']);

/** `thing1=title, time2=time` ↔ the fields map. */
const fieldsText = (f: TemplateDef['fields'] | undefined): string =>
  f
    ? Object.entries(f)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')
    : '';
function parseFields(text: string): TemplateDef['fields'] | undefined {
  const out: Record<string, TemplateDef['fields'][string]> = {};
  for (const part of text.split(/[,，\s]+/).filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!k || !v || !FIELD_VALUES.has(v)) return undefined;
    out[k] = v as TemplateDef['fields'][string];
  }
  return Object.keys(out).length ? out : undefined;
}

function Templates({ editable }: { editable: boolean }) {
  const data = useRemote(() => adminApi.getTemplates(), true);
  const s = useSave(data.reload);
  const [rows, setRows] = useState<Record<string, { id: string; fields: string }>>({});
  const stored = data.data?.templates;
  useEffect(() => {
    if (stored)
      setRows(
        Object.fromEntries(
          TEMPLATE_KINDS.map(({ kind }) => [kind, { id: stored[kind]?.templateId ?? '', fields: fieldsText(stored[kind]?.fields) }]),
        ),
      );
  }, [stored]);
  const configured = useMemo(() => TEMPLATE_KINDS.filter(({ kind }) => stored?.[kind]?.templateId).length, [stored]);

  const save = async () => {
    const templates: TemplateConfig = {};
    for (const { kind, label } of TEMPLATE_KINDS) {
      const r = rows[kind];
      if (!r?.id.trim()) continue;
      const fields = parseFields(r.fields);
      if (!fields) {
        s.setError(`「${label}」的字段格式应为 thing1=title, time2=time（可用 title/body/caseId/time/status）`);
        return;
      }
      templates[kind] = { templateId: r.id.trim(), fields };
    }
    await s.save(() => adminApi.setTemplates(templates), '已保存');
  };

  return (
    <View data-testid="config-templates">
      {!editable ? <StaffNote testId="config-read-only">{READ_ONLY}</StaffNote> : null}
      <StaffNote>
        在微信公众平台「订阅消息」中选用模板，把模板 ID 和字段对应关系填在这里；留空的不发订阅消息，只进消息中心。已配置 {configured} 项。
      </StaffNote>
      <ErrorLine message={data.error ?? s.error} onRetry={data.error ? () => void data.reload() : undefined} />
      {data.loading && !data.data ? <Loading /> : null}
      {data.data
        ? TEMPLATE_KINDS.map(({ kind, label }) => (
            <View key={kind} className="card config__item" data-testid="template-row">
              <View className="config__item-name">{label}</View>
              {editable ? (
                <View>
                  <Input
                    className="staff-form__input"
                    value={rows[kind]?.id ?? ''}
                    placeholder="模板 ID（留空不发送）"
                    onInput={(e) => setRows({ ...rows, [kind]: { id: e.detail.value, fields: rows[kind]?.fields ?? '' } })}
                  />
                  <Input
                    className="staff-form__input config__fields"
                    value={rows[kind]?.fields ?? ''}
                    placeholder="字段：thing1=title, time2=time"
                    onInput={(e) => setRows({ ...rows, [kind]: { id: rows[kind]?.id ?? '', fields: e.detail.value } })}
                  />
                </View>
              ) : (
                <View className="config__muted">
                  {stored?.[kind]?.templateId ? `${stored[kind]!.templateId}（${fieldsText(stored[kind]!.fields)}）` : '未配置'}
                </View>
              )}
            </View>
          ))
        : null}
      {editable && data.data ? (
        <BigButton disabled={s.busy} onClick={() => void save()} testId="templates-save">
          保存模板
        </BigButton>
      ) : null}
    </View>
  );
}

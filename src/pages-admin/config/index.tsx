import type { NoticeKind } from '../../../core/model';
import { useEffect, useMemo, useState } from 'react';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { LabelledInput } from '../../components/labelled-field';
import { ErrorLine, Loading } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffChips, StaffNote } from '../../components/staff-ui';
import { adminApi, type TemplateConfig, type TemplateDef } from '../../services/admin-api';
import { useStaffProfile } from '../../state/staff-profile';
import { accessOf } from '../../utils/staff-access';
import { useRemote } from '../../utils/use-remote';
import { Categories } from './categories';
import { Policies } from './policies';
import { Holidays, READ_ONLY } from './holidays';
import { Weights } from './weights';
import { useChange } from '../../utils/use-change';
import './index.scss';

type Section = 'categories' | 'policies' | 'holidays' | 'templates' | 'weights';
const SECTIONS: ReadonlyArray<{ value: Section; label: string }> = [
  { value: 'categories', label: '问题类别' },
  { value: 'policies', label: '时限方案' },
  { value: 'holidays', label: '节假日' },
  { value: 'templates', label: '订阅消息' },
  { value: 'weights', label: '考核权重' },
];

/** 配置: categories and their role, the time-limit policy, holiday overrides, subscribe templates, assessment weights. */
export default function ConfigPage() {
  const access = accessOf(useStaffProfile().profile);
  const street = access.streetAdmin;
  const [section, setSection] = useState<Section>('categories');
  return (
    <PageShell className="config" testId="page-config">
      <StaffChips options={SECTIONS} value={section} onChange={setSection} testId="config-section" scroll />
      {section === 'categories' ? <Categories street={street} /> : null}
      {section === 'policies' ? <Policies street={street} /> : null}
      {section === 'holidays' ? <Holidays editable={street} /> : null}
      {section === 'templates' ? <Templates editable={street} /> : null}
      {section === 'weights' ? <Weights editable={street} /> : null}
    </PageShell>
  );
}

// ——— subscribe-message templates ———

const TEMPLATE_KINDS: ReadonlyArray<{ kind: NoticeKind; label: string }> = [
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
  { kind: 'calendar_warning', label: '街道：节假日安排未导入' },
  { kind: 'rectification_overdue', label: '管理员：整改任务逾期' },
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

interface TemplateRow {
  id: string;
  fields: string;
  longTerm: boolean;
}
const rowOf = (rows: Record<string, TemplateRow>, kind: string): TemplateRow => rows[kind] ?? { id: '', fields: '', longTerm: false };
const SUBSCRIBE_TYPES = [
  { value: 'once', label: '一次性订阅' },
  { value: 'long', label: '长期订阅' },
] as const;

function Templates({ editable }: { editable: boolean }) {
  const data = useRemote(() => adminApi.getTemplates(), true);
  const s = useChange(data.reload);
  const [rows, setRows] = useState<Record<string, TemplateRow>>({});
  const stored = data.data?.templates;
  useEffect(() => {
    if (stored)
      setRows(
        Object.fromEntries(
          TEMPLATE_KINDS.map(({ kind }) => [
            kind,
            { id: stored[kind]?.templateId ?? '', fields: fieldsText(stored[kind]?.fields), longTerm: stored[kind]?.longTerm === true },
          ]),
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
      templates[kind] = { templateId: r.id.trim(), fields, ...(r.longTerm ? { longTerm: true } : {}) };
    }
    await s.run(() => adminApi.setTemplates(templates), '已保存');
  };

  return (
    <View data-testid="config-templates">
      {!editable ? <StaffNote testId="config-read-only">{READ_ONLY}</StaffNote> : null}
      <StaffNote>
        在微信公众平台「订阅消息」中选用模板，把模板 ID
        和字段对应关系填在这里；留空的不发订阅消息，只进消息中心。一次性订阅与长期订阅不能混用（微信一次只能申请同一类）。已配置{' '}
        {configured} 项。
      </StaffNote>
      <ErrorLine message={data.error ?? s.error} onRetry={data.error ? () => void data.reload() : undefined} />
      {data.loading && !data.data ? <Loading /> : null}
      {data.data
        ? TEMPLATE_KINDS.map(({ kind, label }) => (
            <View key={kind} className="card config__item" data-testid="template-row">
              <View className="config__item-name">{label}</View>
              {editable ? (
                <View>
                  <LabelledInput
                    label="模板 ID"
                    value={rows[kind]?.id ?? ''}
                    placeholder="模板 ID（留空不发送）"
                    onChange={(id) => setRows({ ...rows, [kind]: { ...rowOf(rows, kind), id } })}
                    testId={`template-id-${kind}`}
                  />
                  <LabelledInput
                    label="字段对应"
                    value={rows[kind]?.fields ?? ''}
                    placeholder="字段：thing1=title, time2=time"
                    onChange={(fields) => setRows({ ...rows, [kind]: { ...rowOf(rows, kind), fields } })}
                    testId={`template-fields-${kind}`}
                  />
                  <StaffChips
                    options={SUBSCRIBE_TYPES}
                    value={rowOf(rows, kind).longTerm ? 'long' : 'once'}
                    onChange={(v) => setRows({ ...rows, [kind]: { ...rowOf(rows, kind), longTerm: v === 'long' } })}
                    testId={`template-type-${kind}`}
                  />
                </View>
              ) : (
                <View className="config__muted">
                  {stored?.[kind]?.templateId
                    ? `${stored[kind]!.templateId}（${fieldsText(stored[kind]!.fields)}）${stored[kind]!.longTerm ? ' · 长期订阅' : ''}`
                    : '未配置'}
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

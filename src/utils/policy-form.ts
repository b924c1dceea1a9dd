/**
 * The custom time-limit policy as a form: amounts stay as typed (so clearing a field to type a new
 * number does not jump to 1) and are checked on save, with the first problem said in Chinese.
 * The server checks everything again.
 */

export type DurationUnit = 'minutes' | 'hours' | 'workdays';
export interface Duration {
  amount: number;
  unit: DurationUnit;
}
export type Severity = 'simple' | 'complex' | 'major';
export interface PolicyFields {
  name: string;
  limits: Record<Severity, { respond: Duration; resolve: Duration; escalate?: Duration }>;
  departmentReport: Duration;
  streetResolve: Duration;
  ratingWindowDays: number;
  reminderShare: number;
  autoEscalateOnOverdue: boolean;
}

export interface DurationText {
  amount: string;
  unit: DurationUnit;
}
export interface PolicyFormFields {
  name: string;
  limits: Record<Severity, { respond: DurationText; resolve: DurationText; escalate?: DurationText }>;
  departmentReport: DurationText;
  streetResolve: DurationText;
  ratingWindowDays: string;
  reminderShare: number;
  autoEscalateOnOverdue: boolean;
}

export const SEVERITY_LABELS: Record<Severity, string> = { simple: '一般', complex: '复杂', major: '重大' };
const SEVERITY_ORDER: readonly Severity[] = ['simple', 'complex', 'major'];
/** The longest limit the server takes, per unit (30 days, or 60 working days). */
export const MAX_AMOUNT: Record<DurationUnit, number> = { minutes: 43200, hours: 720, workdays: 60 };

const asText = (d: Duration): DurationText => ({ amount: String(d.amount), unit: d.unit });

export function toForm(p: PolicyFields): PolicyFormFields {
  const limits = {} as PolicyFormFields['limits'];
  for (const s of SEVERITY_ORDER) {
    const l = p.limits[s];
    limits[s] = { respond: asText(l.respond), resolve: asText(l.resolve), ...(l.escalate ? { escalate: asText(l.escalate) } : {}) };
  }
  return {
    name: p.name,
    limits,
    departmentReport: asText(p.departmentReport),
    streetResolve: asText(p.streetResolve),
    ratingWindowDays: String(p.ratingWindowDays),
    reminderShare: p.reminderShare,
    autoEscalateOnOverdue: p.autoEscalateOnOverdue,
  };
}

/** The policy the form describes, or the first problem with it. */
export function fromForm(f: PolicyFormFields): PolicyFields | string {
  const name = f.name.trim();
  if (!name) return '请填写方案名称';
  if (Array.from(name).length > 30) return '方案名称最多30字';
  const problems: string[] = [];
  const duration = (d: DurationText, label: string): Duration => {
    const raw = d.amount.trim();
    const amount = Number(raw);
    if (!/^\d+$/.test(raw) || amount < 1) problems.push(`${label}请填写大于0的整数`);
    else if (amount > MAX_AMOUNT[d.unit]) problems.push(`${label}过长（最多30天或60个工作日）`);
    return { amount, unit: d.unit };
  };
  const limits = {} as PolicyFields['limits'];
  for (const s of SEVERITY_ORDER) {
    const l = f.limits[s];
    const label = SEVERITY_LABELS[s];
    limits[s] = {
      respond: duration(l.respond, `${label}问题的受理时限`),
      resolve: duration(l.resolve, `${label}问题的办结时限`),
      ...(l.escalate ? { escalate: duration(l.escalate, `${label}问题的上报街道时限`) } : {}),
    };
  }
  const departmentReport = duration(f.departmentReport, '部门报到时限');
  const streetResolve = duration(f.streetResolve, '街道拿出方案的时限');
  const rawDays = f.ratingWindowDays.trim();
  const days = Number(rawDays);
  if (!/^\d+$/.test(rawDays) || days < 1 || days > 30) problems.push('评价期请填写1到30天');
  if (!(f.reminderShare > 0 && f.reminderShare < 1)) problems.push('催办比例应在0%到100%之间');
  if (problems.length) return problems[0]!;
  return {
    name,
    limits,
    departmentReport,
    streetResolve,
    ratingWindowDays: days,
    reminderShare: f.reminderShare,
    autoEscalateOnOverdue: f.autoEscalateOnOverdue,
  };
}

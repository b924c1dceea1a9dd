/**
 * Ledger (台账) exports as .xlsx. The row builders turn cases into tables of Chinese text and the
 * workbook writer turns a table into bytes; neither reads the store or the clock (`now` is passed).
 *
 * Ledgers are internal documents, but they leave the office as files: ID numbers never appear,
 * the contact phone only in the case ledger (the handler and admins may see it), and the dispute
 * and hazard ledgers keep the core's masking of their descriptions.
 */
import type { CareFigures } from '../../core/care-assessment';
import { caseClocks, caseTime } from '../../core/case-time';
import type { Cell, SheetData } from 'write-excel-file';
import { formatLocal } from '../../core/case-lifecycle';
import {
  DISPUTE_LEDGER_COLUMNS,
  EMPTY_CELL,
  HAZARD_LEDGER_COLUMNS,
  ledgerRows,
  type DisputeLedgerRow,
  type HazardLedgerRow,
} from '../../core/ledgers';
import { formatRate, type RankedUnit } from '../../core/metrics';
import { CHANNEL_NAMES, RATING_NAMES, ROLE_NAMES, SEVERITY_NAMES, STATUS_NAMES, type Case } from '../../core/model';
import { maskPersonName } from '../../core/masking';
import { INTAKE_CHANNEL_NAMES, intakeChannelOf } from '../../core/intake';

export interface LedgerColumn {
  label: string;
  /** Column width in characters. */
  width?: number;
}

/** One sheet: headers and rows of cells, already in words. */
export interface LedgerTable {
  sheetName: string;
  /** An optional title line above the header row (the ledger's name and period). */
  title?: string;
  columns: LedgerColumn[];
  rows: (string | number)[][];
}

/** Names for the ids a case carries, so the sheet speaks of 渝园社区 and 第一网格, not of ids. */
export interface LedgerNames {
  community(id: string): string;
  grid(id: string): string;
  building(id: string): string;
}

// ——— ID numbers ———

/** 18-character resident IDs (and the old 15-digit ones): never in a ledger, not even internally. */
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

export function stripIdNumbers(text: string): string {
  return text.replace(ID_NUMBER, '[身份证号已隐去]');
}

const day = (iso: string | undefined): string => (iso ? formatLocal(iso) : EMPTY_CELL);

// ——— the case ledger ———

export const CASE_LEDGER_COLUMNS: LedgerColumn[] = [
  { label: '编号', width: 24 },
  { label: '社区', width: 12 },
  { label: '网格', width: 12 },
  { label: '位置', width: 16 },
  { label: '类别', width: 10 },
  { label: '问题描述', width: 40 },
  { label: '等级', width: 8 },
  { label: '办理状态', width: 10 },
  { label: '来源', width: 8 },
  { label: '渠道', width: 10 },
  { label: '办理人', width: 16 },
  { label: '登记时间', width: 17 },
  { label: '受理时间', width: 17 },
  { label: '办结时间', width: 17 },
  { label: '是否超时', width: 8 },
  { label: '办理结果', width: 30 },
  { label: '评价', width: 10 },
  { label: '整改次数', width: 8 },
  { label: '督办', width: 6 },
  { label: '联系电话', width: 14 },
  { label: '联系人', width: 10 },
];

/** 来源: 居民反映 (小程序), 巡查上报, or the channel of a visit or a 代登记 (with the 12345 工单号). */
export function sourceCell(c: Case): string {
  if (c.source === 'proxy' && c.origin)
    return `代登记·${CHANNEL_NAMES[c.origin.channel]}${c.origin.channel === 'hotline' && c.origin.refId ? ` ${c.origin.refId}` : ''}`;
  if (c.origin) return `巡查上报·${CHANNEL_NAMES[c.origin.channel]}`;
  return c.source === 'patrol' ? '巡查上报' : '居民反映';
}

/** A phone number that leaves the community: the first three and last four digits. */
const maskPhone = (p: string): string => (p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : '****');

/** `now` decides 是否超时 as every view does (`caseTime`): a clock missed, or the running one past. */
/**
 * `maskContacts`: the export leaves the community (a street-wide ledger), so the resident's name and
 * phone are masked; a community's own ledger shows them to its admin.
 */
export function caseLedgerTable(
  cases: readonly Case[],
  names: LedgerNames,
  now: Date,
  title?: string,
  opts: { maskContacts?: boolean } = {},
): LedgerTable {
  const mask = opts.maskContacts === true;
  const sorted = [...cases].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  return {
    sheetName: '诉求台账',
    title,
    columns: CASE_LEDGER_COLUMNS,
    rows: sorted.map((c) => [
      // The number people say; the internal id only for a case stored before numbers existed.
      c.no ?? c.id,
      names.community(c.place.communityId),
      names.grid(c.place.gridId),
      c.place.buildingId ? names.building(c.place.buildingId) : c.place.location ? stripIdNumbers(c.place.location.address) : EMPTY_CELL,
      c.categoryName,
      stripIdNumbers(c.description),
      SEVERITY_NAMES[c.severity],
      STATUS_NAMES[c.status],
      sourceCell(c),
      INTAKE_CHANNEL_NAMES[intakeChannelOf(c)],
      c.holder ? `${ROLE_NAMES[c.holder.role]} ${c.holder.name}` : EMPTY_CELL,
      day(c.createdAt),
      day(c.acceptedAt),
      day(c.resolvedAt),
      caseTime(caseClocks(c), now).everLate ? '是' : '否',
      c.result ? stripIdNumbers(c.result) : c.rejectReason ? `不予受理：${stripIdNumbers(c.rejectReason)}` : EMPTY_CELL,
      c.rating ? (c.rating.auto ? '逾期未评价' : `${RATING_NAMES[c.rating.value]}${c.rating.phone ? '（电话回访）' : ''}`) : EMPTY_CELL,
      c.reworkCount,
      c.supervised ? '是' : '否',
      c.contactPhone ? (mask ? maskPhone(c.contactPhone) : c.contactPhone) : EMPTY_CELL,
      c.contactName ? (mask ? maskPersonName(c.contactName) : c.contactName) : EMPTY_CELL,
    ]),
  };
}

// ——— the dispute and hazard ledgers (the core decides colours and follow-ups) ———

const named = (row: DisputeLedgerRow | HazardLedgerRow, names: LedgerNames) => ({
  ...row,
  communityId: names.community(row.communityId),
  gridId: names.grid(row.gridId),
  description: stripIdNumbers(row.description),
});

export function disputeLedgerTable(cases: readonly Case[], names: LedgerNames, now: Date, title?: string): LedgerTable {
  const rows = ledgerRows(cases, 'dispute', now).map((r) => named(r, names) as DisputeLedgerRow);
  return {
    sheetName: '矛盾纠纷台账',
    title,
    columns: DISPUTE_LEDGER_COLUMNS.map((c) => ({ label: c.label, width: c.key === 'description' ? 40 : c.key === 'caseId' ? 24 : 12 })),
    rows: rows.map((r) => DISPUTE_LEDGER_COLUMNS.map((c) => r[c.key])),
  };
}

export function hazardLedgerTable(cases: readonly Case[], names: LedgerNames, now: Date, title?: string): LedgerTable {
  const rows = ledgerRows(cases, 'hazard', now).map((r) => named(r, names) as HazardLedgerRow);
  return {
    sheetName: '隐患台账',
    title,
    columns: HAZARD_LEDGER_COLUMNS.map((c) => ({ label: c.label, width: c.key === 'description' ? 40 : c.key === 'caseId' ? 24 : 12 })),
    rows: rows.map((r) => HAZARD_LEDGER_COLUMNS.map((c) => r[c.key])),
  };
}

// ——— the assessment sheet ———

export const ASSESSMENT_COLUMNS: LedgerColumn[] = [
  { label: '排名', width: 6 },
  { label: '单位', width: 20 },
  { label: '受理件数', width: 10 },
  { label: '办结件数', width: 10 },
  { label: '超时件数', width: 10 },
  { label: '响应率', width: 10 },
  { label: '按时办结率', width: 12 },
  { label: '解决率', width: 10 },
  { label: '满意率', width: 10 },
  { label: '综合得分', width: 10 },
  { label: '整改次数', width: 10 },
  { label: '督办件数', width: 10 },
  { label: '通报', width: 10 },
  { label: '满意率判定', width: 40 },
  { label: '整改任务', width: 16 },
  { label: '年度综合得分', width: 12 },
  { label: '走访完成率（已走访/应走访）', width: 18 },
  { label: '走访逾期人数', width: 10 },
  { label: '含走访得分', width: 10 },
  { label: '备注', width: 24 },
];

export interface AssessmentLine {
  unit: RankedUnit;
  flagLabel: string;
  /** 整改中 / 已整改 when the unit has a rectification task for the period. */
  rectification?: string;
  /** A year's combined score of monthly and annual results. */
  combined?: number | null;
  /** 走访关爱 over the period, and the score with it (core/care-assessment.ts). */
  care?: CareFigures;
  score?: number | null;
}

export function assessmentTable(lines: readonly AssessmentLine[], title?: string): LedgerTable {
  return {
    sheetName: '考核统计',
    title,
    columns: ASSESSMENT_COLUMNS,
    rows: lines.map(({ unit: u, flagLabel, rectification, combined, care, score }) => [
      u.rank ?? EMPTY_CELL,
      u.name,
      u.metrics.received,
      u.metrics.closed,
      u.metrics.overdue,
      formatRate(u.metrics.responseRate),
      formatRate(u.metrics.onTimeRate),
      formatRate(u.metrics.resolutionRate),
      formatRate(u.metrics.satisfactionRate),
      u.metrics.score ?? EMPTY_CELL,
      u.metrics.rework,
      u.metrics.supervised,
      u.praised ? '通报表扬' : u.criticised ? '通报批评' : EMPTY_CELL,
      flagLabel,
      rectification ?? EMPTY_CELL,
      combined ?? EMPTY_CELL,
      care ? `${formatRate(care.rate)}（${care.done}/${care.due}）` : EMPTY_CELL,
      care?.overdue ?? EMPTY_CELL,
      score ?? EMPTY_CELL,
      u.note ?? EMPTY_CELL,
    ]),
  };
}

// ——— the workbook ———

/** Writes one table as an .xlsx workbook: an optional title row, a bold header row, then the rows. */
export async function buildWorkbook(table: LedgerTable): Promise<Uint8Array> {
  const header: Cell[] = table.columns.map((c) => ({ value: c.label, type: String, fontWeight: 'bold', backgroundColor: '#EEEEEE' }));
  const body: Cell[][] = table.rows.map((r) =>
    r.map((v): Cell => (typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String, wrap: v.length > 30 })),
  );
  // A spanning cell still takes a place per column it covers (null for the covered ones).
  const title: Cell[][] = table.title
    ? [[{ value: table.title, type: String, fontWeight: 'bold', span: table.columns.length }, ...table.columns.slice(1).map(() => null)]]
    : [];
  const data: SheetData = [...title, header, ...body];
  // Loaded on the first export only: the writer and its zip library are most of the admin function,
  // and a cold start that does not export should not pay for them. In the cloud it is a dependency
  // of the admin function's package.json, installed at deploy like wx-server-sdk.
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const buffer = await writeXlsxFile(data, {
    buffer: true,
    sheet: table.sheetName,
    columns: table.columns.map((c) => ({ width: c.width ?? 12 })),
    stickyRowsCount: title.length + 1,
  });
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { EmptyState, ErrorLine, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffChips, StaffNote, StaffRow, StaffTag, StaffTile, StaffTiles, type Tone } from '../../components/staff-ui';
import { useExport } from '../../hooks/use-export';
import { errorMessage } from '../../services/api-error';
import {
  COMMIT_CHUNK,
  hotlineApi,
  type HotlineCommitLine,
  type HotlineExportFormat,
  type HotlinePreview,
  type HotlinePreviewRow,
} from '../../services/hotline-api';
import { pickAndUploadSheet, type UploadedSheet } from '../../services/sheet-upload';
import { newRequestId } from '../../utils/staff-form';
import { ImportHistory } from './import-history';
import { periodLabel, recentPeriods } from '../../utils/staff-period';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import './index.scss';

const STATUS_TONE: Record<HotlinePreviewRow['status'], Tone> = { new: 'green', imported: 'grey', error: 'red' };

/**
 * 12345 工单导入导出 for community and street admins: pick a sheet (.xlsx or .csv), check the
 * preview (each row 新建 / 已导入 / 错误, where its address goes), pick a grid for rows whose
 * address matched nothing and a category, then import; and export the month's 工单 with their
 * results to report back to the hotline.
 */
export default function HotlinePage() {
  // A finished import reads the history again.
  const [historyKey, setHistoryKey] = useState(0);
  return (
    <PageShell className="hotline" testId="page-hotline">
      <ImportPanel onImported={() => setHistoryKey(historyKey + 1)} />
      <ImportHistory key={historyKey} />
      <ExportPanel />
    </PageShell>
  );
}

function ImportPanel({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<UploadedSheet>();
  const [preview, setPreview] = useState<HotlinePreview>();
  const [grids, setGrids] = useState<Record<string, string>>({});
  /** The category picked for a row whose 诉求类别 the street does not have (by 工单号). */
  const [rowCategories, setRowCategories] = useState<Record<string, string>>({});
  const [categoryId, setCategoryId] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<HotlineCommitLine[]>();

  const choose = async () => {
    if (busy) return;
    setError(undefined);
    setBusy('正在上传并读取表格…');
    try {
      const picked = await pickAndUploadSheet();
      if (!picked) return;
      setFile(picked);
      setPreview(undefined);
      setResult(undefined);
      setGrids({});
      setRowCategories({});
      setPreview(await hotlineApi.preview(picked.fileId));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  const newRows = useMemo(() => (preview?.rows ?? []).filter((r) => r.status === 'new' && r.ticketNo), [preview]);
  const waiting = newRows.filter((r) => r.matchKind === 'none' && !grids[r.ticketNo!]).length;
  const needsCategory = newRows.some((r) => !r.categoryId && !(r.sheetCategory && rowCategories[r.ticketNo!]));
  /** The category a row goes under, as the preview shows it: the sheet's, the row's pick, else the default. */
  const categoryFor = (r: HotlinePreviewRow): string | undefined => r.categoryId ?? rowCategories[r.ticketNo ?? ''] ?? categoryId;

  const commit = async () => {
    if (busy || !file || !preview) return;
    const problem =
      (newRows.length === 0 ? '没有可导入的新工单' : undefined) ??
      (needsCategory && !categoryId ? '请选择问题类别' : undefined) ??
      (waiting > 0 ? `还有${waiting}条工单的地址未匹配，请为它们选择网格` : undefined);
    if (problem) {
      setError(problem);
      return;
    }
    setError(undefined);
    const tickets = newRows.map((r) => r.ticketNo!);
    const lines: HotlineCommitLine[] = [];
    // Rows whose 诉求类别 the street lacks go under the category shown for them, each named.
    const shown = Object.fromEntries(newRows.filter((r) => r.sheetCategory && categoryFor(r)).map((r) => [r.ticketNo!, categoryFor(r)!]));
    const importId = newRequestId();
    try {
      // In parts, so that each call stays short; a part sent again files nothing twice.
      for (let i = 0; i < tickets.length; i += COMMIT_CHUNK) {
        setBusy(`正在导入… ${i}/${tickets.length}`);
        const part = tickets.slice(i, i + COMMIT_CHUNK);
        const r = await hotlineApi.commit({
          fileId: file.fileId,
          categoryId: categoryId ?? preview.categories[0]!.id,
          tickets: part,
          grids: Object.fromEntries(part.filter((t) => grids[t]).map((t) => [t, grids[t]!])),
          categories: Object.fromEntries(part.filter((t) => shown[t]).map((t) => [t, shown[t]!])),
          importId,
          fileName: file.name.slice(0, 120),
        });
        lines.push(...r.lines);
      }
      setResult(lines);
      onImported();
      setPreview(await hotlineApi.preview(file.fileId));
    } catch (e) {
      if (lines.length) {
        setResult(lines);
        onImported();
      }
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  const count = (o: HotlineCommitLine['outcome']) => (result ?? []).filter((l) => l.outcome === o).length;
  return (
    <View>
      <SectionTitle>导入12345工单</SectionTitle>
      <StaffNote>
        表格第一行为列名：工单号、诉求内容、地址、联系人、电话、派单时间、办理时限（可加“诉求类别”）。支持 .xlsx 和 .csv（含 GBK
        编码），不超过2MB、500条。同一工单号只登记一次，重复导入不会重复登记。
      </StaffNote>
      <BigButton kind="secondary" onClick={() => void choose()} disabled={busy !== undefined} testId="hotline-choose">
        {file ? '重新选择表格' : '选择表格文件'}
      </BigButton>
      {file ? <View className="hotline__file">{file.name}</View> : null}
      {busy ? <StaffNote testId="hotline-busy">{busy}</StaffNote> : null}
      <ErrorLine message={error} testId="hotline-error" />
      {result ? (
        <StaffNote tone={count('error') ? 'red' : 'green'} testId="hotline-result">
          {`导入完成：新登记 ${count('created')} 条，已登记过 ${count('existing')} 条${count('error') ? `，未导入 ${count('error')} 条` : ''}`}
        </StaffNote>
      ) : null}
      {result?.some((l) => l.outcome === 'error') ? (
        <View className="card">
          {result
            .filter((l) => l.outcome === 'error')
            .map((l) => (
              <View key={l.ticketNo} className="hotline__error">{`第${l.line}行 ${l.ticketNo}：${l.message ?? ''}`}</View>
            ))}
        </View>
      ) : null}
      {result && count('created') > 0 ? (
        <BigButton kind="secondary" onClick={() => void Taro.navigateTo({ url: STAFF_ROUTES.adminCases() })} testId="hotline-open-cases">
          查看案件
        </BigButton>
      ) : null}
      {preview ? (
        <PreviewTable
          preview={preview}
          grids={grids}
          onGrid={(ticket, gridId) => setGrids({ ...grids, [ticket]: gridId })}
          categoryId={categoryId}
          onCategory={setCategoryId}
          needsCategory={needsCategory}
          categoryFor={categoryFor}
          onRowCategory={(ticket, id) => setRowCategories({ ...rowCategories, [ticket]: id })}
        />
      ) : null}
      {preview && newRows.length ? (
        <BigButton onClick={() => void commit()} disabled={busy !== undefined} testId="hotline-commit">
          {`导入 ${newRows.length} 条新工单`}
        </BigButton>
      ) : null}
    </View>
  );
}

interface TableProps {
  preview: HotlinePreview;
  grids: Record<string, string>;
  onGrid: (ticket: string, gridId: string) => void;
  categoryId: string | undefined;
  onCategory: (id: string) => void;
  needsCategory: boolean;
  categoryFor: (r: HotlinePreviewRow) => string | undefined;
  onRowCategory: (ticket: string, categoryId: string) => void;
}

function PreviewTable({ preview, grids, onGrid, categoryId, onCategory, needsCategory, categoryFor, onRowCategory }: TableProps) {
  const categoryName = (id: string | undefined) => preview.categories.find((x) => x.id === id)?.name;
  const c = preview.counts;
  const multi = new Set(preview.grids.map((g) => g.communityName)).size > 1;
  const gridOptions = preview.grids.map((g) => ({ value: g.id, label: multi ? `${g.communityName} ${g.name}` : g.name }));
  return (
    <View data-testid="hotline-preview">
      <StaffTiles>
        <StaffTile label="新建" value={c.new} testId="hotline-count-new" />
        <StaffTile label="已导入" value={c.imported} testId="hotline-count-imported" />
        <StaffTile label="错误" value={c.error} alert={c.error > 0} testId="hotline-count-error" />
      </StaffTiles>
      {needsCategory ? (
        <View>
          <SectionTitle>问题类别（表格未写类别或本街道没有该类别的工单）</SectionTitle>
          <StaffChips
            options={preview.categories.map((x) => ({ value: x.id, label: x.name }))}
            value={categoryId}
            onChange={onCategory}
            testId="hotline-category"
          />
        </View>
      ) : null}
      <SectionTitle>{`逐行核对（共${c.total}行）`}</SectionTitle>
      {preview.rows.length === 0 ? <EmptyState title="表格里没有工单" /> : null}
      {preview.rows.map((r) => (
        <View key={r.line} className="card" data-testid={`hotline-row-${r.line}`}>
          <View className="hotline__row-head">
            <Text className="hotline__row-title">{`第${r.line}行${r.ticketNo ? ` · ${r.ticketNo}` : ''}`}</Text>
            <StaffTag tone={STATUS_TONE[r.status]} testId={`hotline-status-${r.line}`}>
              {r.statusName}
            </StaffTag>
          </View>
          {r.content ? <View className="hotline__text">{r.content}</View> : null}
          {r.address ? <StaffRow label="地址">{r.address}</StaffRow> : null}
          {r.contactName ? <StaffRow label="联系人">{`${r.contactName} ${r.contactPhone ?? ''}`}</StaffRow> : null}
          {r.errors.map((e, i) => (
            <View key={i} className="hotline__error" data-testid={`hotline-row-error-${r.line}`}>{`${e.columnName}：${e.message}`}</View>
          ))}
          {r.dueNote ? (
            <View className={r.dueBy ? 'hotline__muted' : 'hotline__warn'} data-testid={`hotline-due-${r.line}`}>
              {r.dueNote}
            </View>
          ) : null}
          {r.status === 'new' && r.sheetCategory && r.ticketNo ? (
            <View>
              <View className="hotline__warn" data-testid={`hotline-category-note-${r.line}`}>
                {categoryName(categoryFor(r))
                  ? `类别“${r.sheetCategory}”本街道没有，将按“${categoryName(categoryFor(r))!}”登记`
                  : `类别“${r.sheetCategory}”本街道没有，请选择类别`}
              </View>
              <StaffChips
                options={preview.categories.map((x) => ({ value: x.id, label: x.name }))}
                value={categoryFor(r)}
                onChange={(id) => onRowCategory(r.ticketNo!, id)}
                testId={`hotline-row-category-${r.line}`}
                scroll
              />
            </View>
          ) : null}
          {r.status === 'imported' ? <View className="hotline__muted">{`已登记为 ${r.caseNo ?? r.caseId ?? ''}`}</View> : null}
          {r.status === 'new' && r.placeName ? (
            <View className="hotline__place">{`${r.matchHow === 'fuzzy' ? '按楼栋号匹配到' : '匹配到'}：${r.placeName}`}</View>
          ) : null}
          {r.status === 'new' && r.matchKind === 'none' && r.ticketNo ? (
            <View>
              <View className="hotline__warn">{r.matchNote}</View>
              <StaffChips
                options={gridOptions}
                value={grids[r.ticketNo]}
                onChange={(g) => onGrid(r.ticketNo!, g)}
                testId={`hotline-grid-${r.line}`}
              />
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}

function ExportPanel() {
  const periods = useMemo(() => recentPeriods(new Date(), 'month', 3), []);
  const [period, setPeriod] = useState(periods[0]!);
  const { busy, error, note, run: exportFile } = useExport();
  // WeChat's document viewer opens .xlsx, not .csv: the CSV is offered on the web only.
  const formats: HotlineExportFormat[] = process.env.TARO_ENV === 'h5' ? ['xlsx', 'csv'] : ['xlsx'];

  const run = (format: HotlineExportFormat) =>
    exportFile(
      () => hotlineApi.export(period, format),
      (r) => `已导出 ${r.rowCount} 条：${r.fileName}`,
    );

  return (
    <View>
      <SectionTitle>导出办理结果（回复12345）</SectionTitle>
      <StaffChips
        options={periods.map((p) => ({ value: p, label: periodLabel(p) }))}
        value={period}
        onChange={setPeriod}
        testId="hotline-period"
      />
      <ErrorLine message={error} testId="hotline-export-error" />
      {note ? (
        <StaffNote tone="green" testId="hotline-export-note">
          {note}
        </StaffNote>
      ) : null}
      {formats.map((f) => (
        <BigButton key={f} kind="secondary" onClick={() => void run(f)} disabled={busy} testId={`hotline-export-${f}`}>
          {busy ? '正在导出…' : f === 'xlsx' ? '导出 Excel 表格' : '导出 CSV 文件'}
        </BigButton>
      ))}
    </View>
  );
}

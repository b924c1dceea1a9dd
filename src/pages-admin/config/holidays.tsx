import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { LabelledInput, LabelledTextarea } from '../../components/labelled-field';
import { ErrorLine, Loading } from '../../components/notice';
import { StaffChips, StaffNote, StaffTag } from '../../components/staff-ui';
import { errorMessage } from '../../services/api-error';
import { adminApi, type HolidayPreview } from '../../services/admin-api';
import { useChange } from '../../utils/use-change';
import { useRemote } from '../../utils/use-remote';
import { yearCalendar, type CalendarMonth } from '../../utils/year-calendar';
import { Icon } from '../../components/icon';

export const READ_ONLY = '节假日和订阅消息模板由街道统一设置，社区只能查看；如需调整请联系街道管理员。';
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/**
 * 节假日: which years are known, the State Council's notice pasted → a year calendar to check →
 * saved; a range of days set by hand; the days the street has set. Only the street edits.
 */
export function Holidays({ editable }: { editable: boolean }) {
  const list = useRemote(() => adminApi.listHolidays(), true);
  const s = useChange(list.reload);
  const thisYear = new Date().getFullYear();
  return (
    <View data-testid="config-holidays">
      {!editable ? <StaffNote testId="config-read-only">{READ_ONLY}</StaffNote> : null}
      {list.data?.warning ? (
        <StaffNote tone="red" testId="holiday-warning">
          <Icon name="triangle-alert" tone="danger" />
          {list.data.warning}
        </StaffNote>
      ) : null}
      {list.data ? (
        <StaffNote testId="holiday-covered">
          {list.data.note}。已有数据的年份：{list.data.coveredYears.filter((y) => y >= thisYear - 1).join('、') || '无'}
        </StaffNote>
      ) : null}
      <ErrorLine message={list.error ?? s.error} onRetry={list.error ? () => void list.reload() : undefined} />
      {list.loading && !list.data ? <Loading /> : null}
      {editable ? <NoticeImport defaultYear={thisYear + 1} onSaved={list.reload} /> : null}
      {editable ? <RangeEditor run={s.run} busy={s.busy} setError={s.setError} /> : null}
      <View className="config__item-name config__section-title">街道设置的日期</View>
      {list.data && list.data.items.length === 0 ? <StaffNote>暂无，全部按内置数据计算。</StaffNote> : null}
      {(list.data?.items ?? [])
        .filter((h) => Number(h.date.slice(0, 4)) >= thisYear - 1)
        .map((h) => (
          <View key={h.id} className="card config__item" data-testid="holiday-row" data-date={h.date}>
            <View className="config__item-head">
              <Text className="config__item-name">{h.date}</Text>
              <StaffTag tone={h.workday ? 'blue' : 'green'}>{h.workday ? '上班' : '放假'}</StaffTag>
            </View>
            <View className="config__muted">
              {h.note || '—'} · {h.source === 'notice' ? '通知导入' : '手动设置'}
            </View>
          </View>
        ))}
    </View>
  );
}

function NoticeImport({ defaultYear, onSaved }: { defaultYear: number; onSaved: () => Promise<void> }) {
  const [year, setYear] = useState(String(defaultYear));
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<HolidayPreview>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string>();
  const years = [defaultYear - 1, defaultYear, defaultYear + 1].map((y) => ({ value: String(y), label: `${y}年` }));

  const read = async () => {
    setError(undefined);
    setSaved(undefined);
    setPreview(undefined);
    if (!text.trim()) {
      setError('请粘贴国务院办公厅关于节假日安排的通知全文');
      return;
    }
    setBusy(true);
    try {
      setPreview(await adminApi.previewHolidayNotice(Number(year), text));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await adminApi.importHolidayNotice(preview.year, text);
      setSaved(`已导入${r.year}年节假日安排：${r.saved}天（${r.festivals.join('、')}）`);
      setPreview(undefined);
      setText('');
      await onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" data-testid="holiday-import">
      <View className="config__item-name">导入国务院办公厅通知</View>
      <View className="config__muted">粘贴通知原文（「一、元旦：…」逐条），先核对年历，确认后保存。</View>
      <StaffChips
        options={years}
        value={year}
        onChange={(y) => {
          setYear(y);
          setPreview(undefined);
        }}
        testId="holiday-import-year"
      />
      <LabelledTextarea
        label="通知原文"
        className="config__notice"
        value={text}
        maxlength={6000}
        placeholder="国务院办公厅关于××××年部分节假日安排的通知……"
        onChange={(value) => {
          setText(value);
          setPreview(undefined);
        }}
        testId="holiday-import-text"
      />
      <ErrorLine message={error} testId="holiday-import-error" />
      {saved ? (
        <StaffNote tone="green" testId="holiday-import-saved">
          {saved}
        </StaffNote>
      ) : null}
      {preview ? (
        <View data-testid="holiday-preview">
          <View className="config__muted">
            {preview.year}年：{preview.festivals.join('、')}；放假{preview.days.filter((d) => !d.workday).length}天，调休上班
            {preview.days.filter((d) => d.workday).length}天{preview.replaces > 0 ? `；将覆盖已设置的${preview.replaces}天` : ''}
          </View>
          <YearCalendar months={yearCalendar(preview.year, preview.days)} />
          <BigButton disabled={busy} onClick={() => void confirm()} testId="holiday-import-confirm">
            确认无误，保存
          </BigButton>
        </View>
      ) : (
        <BigButton disabled={busy} onClick={() => void read()} testId="holiday-import-preview">
          识别并预览
        </BigButton>
      )}
    </View>
  );
}

function YearCalendar({ months }: { months: CalendarMonth[] }) {
  return (
    <View className="year-cal" data-testid="holiday-calendar">
      <View className="year-cal__legend">
        <Text className="year-cal__day year-cal__day--off">休</Text> 放假
        <Text className="year-cal__day year-cal__day--work">班</Text> 调休上班
      </View>
      {months.map((m) => (
        <View key={m.month} className="year-cal__month" data-testid="holiday-month" data-month={m.month}>
          <View className="year-cal__title">
            {m.month}月{m.off || m.work ? `（放假${m.off}天${m.work ? `，上班${m.work}天` : ''}）` : ''}
          </View>
          <View className="year-cal__week year-cal__week--head">
            {WEEKDAYS.map((d) => (
              <Text key={d} className="year-cal__day">
                {d}
              </Text>
            ))}
          </View>
          {m.weeks.map((w, i) => (
            <View key={i} className="year-cal__week">
              {w.map((c, j) =>
                c ? (
                  <Text key={j} className={`year-cal__day year-cal__day--${c.kind}`} data-date={c.date} data-kind={c.kind}>
                    {c.day}
                  </Text>
                ) : (
                  <Text key={j} className="year-cal__day" />
                ),
              )}
            </View>
          ))}
        </View>
      ))}
    </View>
  );
}

function RangeEditor({
  run,
  busy,
  setError,
}: {
  run: (change: () => Promise<unknown>, message: string) => Promise<boolean>;
  busy: boolean;
  setError: (m: string | undefined) => void;
}) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<'off' | 'work'>('off');
  const [note, setNote] = useState('');
  const save = async () => {
    if (!from || !to) {
      setError('请选择开始和结束日期');
      return;
    }
    if (to < from) {
      setError('结束日期不能早于开始日期');
      return;
    }
    if (await run(() => adminApi.setHolidayRange(from, to, kind === 'work', note.trim()), '已设置')) {
      setFrom('');
      setTo('');
      setNote('');
    }
  };
  const start = `${new Date().getFullYear()}-01-01`;
  return (
    <View className="card" data-testid="holiday-form">
      <View className="config__item-name">按日期区间设置</View>
      <View className="config__muted">街道设置的日期优先于内置数据和导入的通知。</View>
      <View className="config__range">
        <Picker mode="date" value={from || start} onChange={(e) => setFrom(String(e.detail.value))}>
          <View className="staff-form__input config__picker" data-testid="holiday-from">
            {from || '开始日期'}
          </View>
        </Picker>
        <Text>至</Text>
        <Picker mode="date" value={to || from || start} onChange={(e) => setTo(String(e.detail.value))}>
          <View className="staff-form__input config__picker" data-testid="holiday-to">
            {to || '结束日期'}
          </View>
        </Picker>
      </View>
      <StaffChips
        options={[
          { value: 'off', label: '放假' },
          { value: 'work', label: '上班（调休）' },
        ]}
        value={kind}
        onChange={setKind}
        testId="holiday-kind"
      />
      <LabelledInput
        label="名称"
        value={note}
        maxlength={50}
        placeholder="名称，如 春节、防汛值守调休"
        onChange={setNote}
        testId="holiday-note"
      />
      <BigButton disabled={busy} onClick={() => void save()} testId="holiday-save">
        保存区间
      </BigButton>
    </View>
  );
}

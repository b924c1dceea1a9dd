import { useEffect, useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { LabelledInput } from '../../components/labelled-field';
import { ErrorLine, Loading } from '../../components/notice';
import { StaffChips, StaffNote, StaffTag } from '../../components/staff-ui';
import { COLORS } from '../../styles/colors';
import { PREVIEW_PERIODS, type PreviewPeriodChoice } from '../../../core/preview-period';
import { checkWeightSet, describeChange, flatWeights, weightShares, type WeightKey } from '../../../core/weight-settings';
import { errorMessage } from '../../services/api-error';
import { adminApi, type WeightsPreview } from '../../services/admin-api';
import { formatTime } from '../../utils/format';
import { useChange } from '../../utils/use-change';
import { useRemote } from '../../utils/use-remote';

const READ_ONLY = '考核权重由街道统一设置，社区只能查看；如需调整请联系街道管理员。';
const CASE_KEYS: readonly WeightKey[] = ['response', 'onTime', 'satisfaction', 'care'];

type Texts = Record<WeightKey, string>;
const textsOf = (flat: Record<WeightKey, number>): Texts =>
  Object.fromEntries(Object.entries(flat).map(([k, v]) => [k, String(v)])) as Texts;
/** What was typed, as numbers ('' stays not-a-number, so the core names the empty field). */
const numbersOf = (t: Texts): Record<WeightKey, number> =>
  Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.trim() === '' ? Number.NaN : Number(v)])) as Record<WeightKey, number>;

const PERIOD_CHIPS = PREVIEW_PERIODS.map((p) => ({ value: p.key, label: p.name }));
const periodLabel = (p: PreviewPeriodChoice): string => PREVIEW_PERIODS.find((x) => x.key === p)?.name ?? '';

const moveText = (moved: number | null): string => (moved === null ? '—' : moved > 0 ? `↑${moved}` : moved < 0 ? `↓${-moved}` : '不变');

/**
 * 考核权重: each weight with its meaning, the sum and shares as typed, the ranking of 本月 / 上月 /
 * 本季度 / 本年 at the new weights before saving, one confirmation, and who changed what when.
 * Only the street edits.
 */
export function Weights({ editable }: { editable: boolean }) {
  const data = useRemote(() => adminApi.getWeights(), true);
  const s = useChange(data.reload);
  const [texts, setTexts] = useState<Texts>();
  const [preview, setPreview] = useState<WeightsPreview>();
  const [previewing, setPreviewing] = useState(false);
  const [period, setPeriod] = useState<PreviewPeriodChoice>('month');
  /** Only the latest preview asked for is shown (a quick second chip tap outruns the first). */
  const asked = useRef(0);
  const v = data.data;
  useEffect(() => {
    if (v) setTexts(textsOf(flatWeights(v)));
  }, [v]);

  const typed = useMemo(() => (texts ? checkWeightSet(numbersOf(texts)) : undefined), [texts]);
  const numbers = texts ? numbersOf(texts) : undefined;
  const caseSum = numbers ? CASE_KEYS.reduce((a, k) => a + (Number.isFinite(numbers[k]) ? numbers[k] : 0), 0) : 0;
  const shares = typed?.ok ? weightShares(typed.value.weights, typed.value.care) : undefined;
  const changed = v && typed?.ok ? describeChange({ from: v, to: typed.value }) : '';

  const set = (key: WeightKey, value: string) => {
    setTexts((t) => (t ? { ...t, [key]: value } : t));
    // A preview still on its way was for the old weights: it is dropped.
    asked.current += 1;
    setPreviewing(false);
    setPreview(undefined);
  };

  const runPreview = async (of: PreviewPeriodChoice) => {
    if (!typed?.ok) return;
    const n = ++asked.current;
    setPreviewing(true);
    s.setError(undefined);
    try {
      const { weights, care, periods } = typed.value;
      const r = await adminApi.previewWeights({ weights, care, periods, period: of });
      if (n === asked.current) setPreview(r);
    } catch (e) {
      if (n === asked.current) s.setError(errorMessage(e));
    } finally {
      if (n === asked.current) setPreviewing(false);
    }
  };

  /** Picking a period shows its ranking at once when the weights as typed are valid. */
  const choosePeriod = (p: PreviewPeriodChoice) => {
    setPeriod(p);
    setPreview(undefined);
    if (typed?.ok) void runPreview(p);
  };

  const save = async () => {
    if (!typed?.ok || !changed) return;
    const { confirm } = await Taro.showModal({
      title: '保存考核权重',
      content: `${changed}。保存后本月及以后的考核排名按新权重计算，确定保存？`,
      confirmText: '保存',
      confirmColor: COLORS.primary,
    });
    if (!confirm) return;
    if (await s.run(() => adminApi.setWeights(typed.value), '已保存')) setPreview(undefined);
  };

  return (
    <View data-testid="config-weights">
      {!editable ? <StaffNote testId="config-read-only">{READ_ONLY}</StaffNote> : null}
      <StaffNote>
        综合得分按各项比率加权计算，只看各项权重的比例。走访完成率只在有应走访对象时计入；年度考核把各月平均得分与全年得分按两项权重合成。
      </StaffNote>
      <ErrorLine message={data.error ?? s.error} onRetry={data.error ? () => void data.reload() : undefined} />
      {data.loading && !v ? <Loading /> : null}
      {v && texts
        ? v.fields.map((f) => (
            <View key={f.key} className="card config__item" data-testid={`weight-${f.key}`}>
              {editable ? (
                <LabelledInput
                  label={f.name}
                  className="config__weight-input"
                  type="number"
                  value={texts[f.key]}
                  placeholder={`${f.name}（0–1000）`}
                  onChange={(value) => set(f.key, value)}
                  testId={`weight-input-${f.key}`}
                />
              ) : (
                <View className="config__item-head">
                  <Text className="config__item-name">{f.name}</Text>
                  <Text className="config__item-role" data-testid={`weight-value-${f.key}`}>
                    {texts[f.key]}
                  </Text>
                </View>
              )}
              <View className="config__muted">{f.meaning}</View>
              {shares && f.key in shares ? (
                <View className="config__muted" data-testid={`weight-share-${f.key}`}>
                  {`占综合得分 ${shares[f.key as keyof typeof shares]}%`}
                </View>
              ) : null}
            </View>
          ))
        : null}
      {v && texts ? (
        <StaffNote tone={typed?.ok ? 'grey' : 'red'} testId="weights-sum">
          {typed?.ok ? `四项合计 ${caseSum}（各项占比见上）` : typed?.error.message}
        </StaffNote>
      ) : null}
      {editable && v ? (
        <View>
          <StaffChips label="预览哪个时段的排名" options={PERIOD_CHIPS} value={period} onChange={choosePeriod} testId="weights-period" />
          <BigButton kind="secondary" disabled={!typed?.ok || previewing} onClick={() => void runPreview(period)} testId="weights-preview">
            {`预览${periodLabel(period)}排名变化`}
          </BigButton>
          <BigButton disabled={s.busy || !typed?.ok || !changed} onClick={() => void save()} testId="weights-save">
            {changed ? '保存权重' : '未修改'}
          </BigButton>
        </View>
      ) : null}
      {preview ? <PreviewTable preview={preview} /> : null}
      {v ? <History items={v.history} /> : null}
    </View>
  );
}

function PreviewTable({ preview }: { preview: WeightsPreview }) {
  const ranked = preview.units.some((u) => u.before.rank !== null || u.after.rank !== null);
  return (
    <View data-testid="weights-preview-table">
      <View className="config__item-name config__section-title" data-testid="weights-preview-heading">
        {`${preview.scopeName} ${preview.periodName} 按${preview.groupName}排名：现在 → 新权重`}
      </View>
      {preview.periodKind === 'year' ? (
        <StaffNote>年度考核排名：各月平均得分与全年得分按「月度成绩」「全年成绩」两项权重合成。</StaffNote>
      ) : null}
      {!ranked ? (
        <StaffNote testId="weights-preview-empty">{`${preview.periodName}还没有参与排名的${preview.groupName}（诉求太少或无法计分的不排名），可换一个时段预览。`}</StaffNote>
      ) : null}
      {(ranked ? preview.units : []).map((u) => (
        <View key={u.id} className="card config__item" data-testid="weights-preview-row" data-unit-id={u.id}>
          <View className="config__item-head">
            <Text className="config__item-name">{u.name}</Text>
            <StaffTag tone={u.moved && u.moved > 0 ? 'green' : u.moved && u.moved < 0 ? 'red' : 'grey'} testId="weights-preview-move">
              {moveText(u.moved)}
            </StaffTag>
          </View>
          <View className="config__muted">
            {`第${u.before.rank ?? '—'}名（${u.before.score ?? '—'}分） → 第${u.after.rank ?? '—'}名（${u.after.score ?? '—'}分）`}
          </View>
        </View>
      ))}
    </View>
  );
}

function History({ items }: { items: { at: string; byName: string; summary: string }[] }) {
  return (
    <View data-testid="weights-history">
      <View className="config__item-name config__section-title">修改记录</View>
      {items.length === 0 ? <StaffNote>尚未修改过，使用默认权重。</StaffNote> : null}
      {items.map((h, i) => (
        <View key={`${h.at}-${i}`} className="card config__item" data-testid="weights-history-row">
          <View className="config__muted">{`${formatTime(h.at)} · ${h.byName}`}</View>
          <View>{h.summary}</View>
        </View>
      ))}
    </View>
  );
}

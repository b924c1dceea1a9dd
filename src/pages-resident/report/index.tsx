import { useEffect, useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Switch, Text, Textarea, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { ROUTES } from '../../routes';
import { errorMessage } from '../../services/api-error';
import type { Category, Community, SubmitCaseResult } from '../../services/api-types';
import { residentApi } from '../../services/resident-api';
import { readStorage, STORAGE_KEYS, writeStorage } from '../../services/storage';
import { needsPersona, sessionStore } from '../../state/session';
import { useStore } from '../../state/use-store';
import { charCount, formatTime, limitLine } from '../../utils/format';
import { placeLabel, resolvePlace, toChoice, type PlaceChoice } from '../../utils/places';
import { DESCRIPTION_MAX, draftProblem, newRequestId, phoneProblem } from '../../utils/report-draft';
import { useRemote } from '../../utils/use-remote';
import './index.scss';

interface FormData {
  categories: Category[];
  communities: Community[];
}

const loadForm = async (): Promise<FormData> => {
  const [cats, places] = await Promise.all([residentApi.listCategories(), residentApi.listPlaces()]);
  return { categories: cats.items, communities: places.communities };
};

export default function ReportPage() {
  const session = useStore(sessionStore);
  const ready = !needsPersona(session);
  const form = useRemote(loadForm, ready);

  const [categoryId, setCategoryId] = useState<string>();
  const [place, setPlace] = useState<PlaceChoice>(() => readStorage<PlaceChoice>(STORAGE_KEYS.lastPlace) ?? {});
  const [editingPlace, setEditingPlace] = useState(false);
  const [description, setDescription] = useState('');
  const [isPublic, setIsPublic] = useState(true);
  const [contactPhone, setContactPhone] = useState('');
  // One id per report: a retry after a failure sends the same one, so the case is filed once.
  const [requestId, setRequestId] = useState(() => newRequestId());
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string>();
  const [result, setResult] = useState<SubmitCaseResult>();

  const categories = form.data?.categories ?? [];
  const communities = form.data?.communities ?? [];
  const category = categories.find((c) => c.id === categoryId);
  const resolved = useMemo(() => resolvePlace(communities, place), [communities, place]);
  const placeComplete = Boolean(resolved.building);
  const showPlacePickers = editingPlace || !placeComplete;

  // Once the tree is known, keep only the ids that still exist (and the obvious single choices).
  useEffect(() => {
    if (form.data) setPlace(toChoice(resolvePlace(form.data.communities, readStorage<PlaceChoice>(STORAGE_KEYS.lastPlace) ?? {})));
  }, [form.data]);

  const chooseCategory = (c: Category) => {
    setCategoryId(c.id);
    setIsPublic(c.defaultPublic);
    setSubmitError(undefined);
  };

  const choosePlace = (next: PlaceChoice) => {
    setPlace(next);
    setSubmitError(undefined);
    const r = resolvePlace(communities, next);
    if (r.building) {
      writeStorage(STORAGE_KEYS.lastPlace, toChoice(r));
      setEditingPlace(false);
    }
  };

  const phone = contactPhone.trim();
  const problem = draftProblem({ categoryId, buildingId: resolved.building?.id, description, isPublic }) ?? phoneProblem(phone);

  const submit = async () => {
    if (submitting) return;
    if (problem) {
      setSubmitError(problem);
      return;
    }
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const res = await residentApi.submitCase({
        requestId,
        categoryId: categoryId!,
        buildingId: resolved.building!.id,
        description: description.trim(),
        isPublic,
        ...(phone ? { contactPhone: phone } : {}),
      });
      Taro.hideToast();
      setResult(res);
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
    } catch (e) {
      // Keep everything typed; the next tap retries with the same requestId.
      setSubmitError(errorMessage(e));
      Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 3000 });
    } finally {
      setSubmitting(false);
    }
  };

  const startAnother = () => {
    setResult(undefined);
    setCategoryId(undefined);
    setDescription('');
    setContactPhone('');
    setRequestId(newRequestId());
  };

  if (result) {
    return (
      <PageShell className="report" testId="page-report">
        <Confirmation result={result} onAnother={startAnother} />
      </PageShell>
    );
  }

  const count = charCount(description);

  return (
    <PageShell className="report" testId="page-report">
      <ErrorLine message={form.error} onRetry={() => void form.reload()} testId="form-error" />
      {form.loading && !form.data ? <Loading /> : null}

      {form.data ? (
        <View>
          <SectionTitle>① 遇到了什么问题？</SectionTitle>
          <View className="report__categories" data-testid="category-grid">
            {categories.map((c) => (
              <View
                key={c.id}
                className={`category ${c.id === categoryId ? 'category--on' : ''}`}
                hoverClass="category--pressed"
                onClick={() => chooseCategory(c)}
                data-testid={`category-${c.id}`}
              >
                <CategoryIcon icon={c.icon} name={c.name} />
                <Text className="category__name">{c.name}</Text>
              </View>
            ))}
          </View>
          {category ? (
            <View className="report__route" data-testid="category-route">
              将交给本网格的 <Text className="report__strong">{category.roleName}</Text> 处理
            </View>
          ) : null}

          <SectionTitle
            extra={
              !showPlacePickers ? (
                <View className="report__change" onClick={() => setEditingPlace(true)} data-testid="place-change">
                  更改
                </View>
              ) : null
            }
          >
            ② 问题在哪里？
          </SectionTitle>
          {showPlacePickers ? (
            <PlacePickers communities={communities} choice={place} onChange={choosePlace} />
          ) : (
            <View className="card report__place" data-testid="place-summary">
              📍 {placeLabel(resolved)}
            </View>
          )}

          <SectionTitle>③ 说说情况</SectionTitle>
          <View className="card report__desc">
            <Textarea
              className="report__textarea"
              value={description}
              maxlength={DESCRIPTION_MAX}
              placeholder="什么问题、在哪个位置、从什么时候开始。例如：3栋2单元楼道灯坏了一周，晚上看不清。"
              placeholderClass="report__placeholder"
              onInput={(e) => setDescription(e.detail.value)}
              data-testid="description"
            />
            <View className={`report__count ${count >= DESCRIPTION_MAX ? 'report__count--full' : ''}`} data-testid="description-count">
              {count}/{DESCRIPTION_MAX}
            </View>
          </View>
          <View className="report__hint">说清楚地点和情况，处理人员能更快找到问题。请不要写身份证号、车牌号。</View>

          <View className="card report__phone">
            <View className="report__label">联系电话（选填，只有处理人员能看到）</View>
            <Input
              className="report__input"
              type="number"
              maxlength={13}
              value={contactPhone}
              placeholder="方便处理人员联系您"
              onInput={(e) => setContactPhone(e.detail.value)}
              data-testid="contact-phone"
            />
          </View>

          <SectionTitle>④ 是否公开</SectionTitle>
          <View className="card report__public">
            <View className="report__public-row">
              <Text className="report__strong">{isPublic ? '公开到公示栏' : '不公开'}</Text>
              <Switch checked={isPublic} color="#c62828" onChange={(e) => setIsPublic(e.detail.value)} data-testid="public-switch" />
            </View>
            <View className="report__public-note" data-testid="public-note">
              {isPublic
                ? '公开的是：问题类别、去掉个人信息后的描述、办理进度。您的姓名、电话和门牌号不会公开。'
                : '只有您、处理人员和社区管理员能看到这件诉求。'}
            </View>
          </View>

          <ErrorLine message={submitError} testId="submit-error" />
          <BigButton onClick={() => void submit()} disabled={submitting} testId="submit-button">
            {submitting ? '正在提交…' : submitError ? '重新提交' : '提交诉求'}
          </BigButton>
        </View>
      ) : null}
    </PageShell>
  );
}

function CategoryIcon({ icon, name }: { icon?: string; name: string }) {
  if (icon && /^(https?:)?\//.test(icon)) {
    // An image icon: shown as a background so no <Image> sizing quirks differ by platform.
    return <View className="category__icon category__icon--image" style={{ backgroundImage: `url(${icon})` }} />;
  }
  return <Text className="category__icon">{icon || Array.from(name)[0]}</Text>;
}

function PlacePickers({
  communities,
  choice,
  onChange,
}: {
  communities: Community[];
  choice: PlaceChoice;
  onChange: (c: PlaceChoice) => void;
}) {
  const r = resolvePlace(communities, choice);
  return (
    <View className="card places" data-testid="place-pickers">
      <View className="places__label">社区</View>
      <View className="places__chips">
        {communities.map((c) => (
          <Chip key={c.id} on={r.community?.id === c.id} testId={`community-${c.id}`} onClick={() => onChange({ communityId: c.id })}>
            {c.name}
          </Chip>
        ))}
      </View>
      {r.community ? (
        <>
          <View className="places__label">网格</View>
          <View className="places__chips">
            {r.community.grids.map((g) => (
              <Chip
                key={g.id}
                on={r.grid?.id === g.id}
                testId={`grid-${g.id}`}
                onClick={() => onChange({ communityId: r.community!.id, gridId: g.id })}
              >
                {g.name}
              </Chip>
            ))}
          </View>
        </>
      ) : null}
      {r.grid ? (
        <>
          <View className="places__label">楼栋</View>
          <View className="places__chips">
            {r.grid.buildings.map((b) => (
              <Chip
                key={b.id}
                on={r.building?.id === b.id}
                testId={`building-${b.id}`}
                onClick={() => onChange({ communityId: r.community!.id, gridId: r.grid!.id, buildingId: b.id })}
              >
                {b.name}
              </Chip>
            ))}
          </View>
        </>
      ) : null}
    </View>
  );
}

function Chip({ on, onClick, testId, children }: { on: boolean; onClick: () => void; testId: string; children: string }) {
  return (
    <View className={`chip ${on ? 'chip--on' : ''}`} hoverClass="chip--pressed" onClick={onClick} data-testid={testId}>
      {on ? '✓ ' : ''}
      {children}
    </View>
  );
}

function Confirmation({ result, onAnother }: { result: SubmitCaseResult; onAnother: () => void }) {
  const limit = limitLine(result.limitText, result.dueAt);
  return (
    <View className="confirm" data-testid="confirmation">
      <View className="confirm__mark">✓</View>
      <View className="confirm__title">已提交，请放心</View>
      <View className="card confirm__card">
        <View className="confirm__row">
          <Text className="confirm__key">诉求编号</Text>
          <Text className="confirm__value" data-testid="confirm-case-id" selectable>
            {result.caseId}
          </Text>
        </View>
        <View className="confirm__row">
          <Text className="confirm__key">现在状态</Text>
          <Text className="confirm__value" data-testid="confirm-status">
            {result.statusName}
          </Text>
        </View>
        <View className="confirm__row">
          <Text className="confirm__key">交给了</Text>
          <Text className="confirm__value" data-testid="confirm-holder">
            {result.holder ? `${result.holder.roleName} ${result.holder.name}` : '社区（正在安排专人）'}
          </Text>
        </View>
        {limit ? (
          <View className="confirm__row">
            <Text className="confirm__key">办理时限</Text>
            <Text className="confirm__value" data-testid="confirm-limit">
              {limit}
            </Text>
          </View>
        ) : null}
        {result.dueAt && result.limitText ? (
          <View className="confirm__row">
            <Text className="confirm__key">最晚</Text>
            <Text className="confirm__value">{formatTime(result.dueAt)}</Text>
          </View>
        ) : null}
        {result.routeExplanation ? <View className="confirm__route">{result.routeExplanation}</View> : null}
      </View>
      <BigButton onClick={() => void Taro.redirectTo({ url: ROUTES.caseDetail(result.caseId) })} testId="confirm-detail">
        查看办理进度
      </BigButton>
      <BigButton kind="secondary" onClick={() => void Taro.switchTab({ url: ROUTES.cases })} testId="confirm-my-cases">
        我的诉求
      </BigButton>
      <BigButton kind="plain" onClick={onAnother} testId="confirm-another">
        再报一件
      </BigButton>
    </View>
  );
}

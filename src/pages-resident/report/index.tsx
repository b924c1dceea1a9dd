import { useEffect, useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { PhotoPicker } from '../../components/photo-picker';
import { usePhotoUploads } from '../../components/photo-picker/use-photo-uploads';
import { CategoryHelp } from '../../components/category-help';
import { LocatePlace } from '../../components/locate-place';
import { PlacePicker } from '../../components/place-picker';
import { ROUTES } from '../../routes';
import { errorMessage } from '../../services/api-error';
import type { Category, Community, SubmitCaseResult } from '../../services/api-types';
import { residentApi } from '../../services/resident-api';
import type { MapLocation, SimilarCase } from '../../services/resident-types';
import { askSubscriptions, RESIDENT_TEMPLATE_IDS, subscribeReady } from '../../services/subscribe';
import { placeStore } from '../../state/place';
import { recentPlacesStore } from '../../state/recent-places';
import { hasContent, reportDraftStore } from '../../state/report-draft';
import { needsPersona, sessionStore } from '../../state/session';
import { useStore } from '../../state/use-store';
import { asAlert, asButton, asField, asRadio, asRadioGroup } from '../../utils/a11y';
import { charCount, excerpt, formatTime, limitLine } from '../../utils/format';
import { placeLabel, resolvePlace, toChoice, type PlaceChoice } from '../../utils/places';
import { categoryRoleName } from '../../utils/roles';
import { DESCRIPTION_MAX, descriptionProblem, draftProblem, newRequestId, phoneProblem } from '../../utils/report-draft';
import { descriptionHint } from '../../utils/report-hints';
import { createSimilarSearch, similarKey as similarKeyOf, type SimilarSearch } from '../../utils/similar-search';
import { canPickOnMap } from '../../utils/map-pick';
import { useRemote } from '../../utils/use-remote';
import './index.scss';
import { Glyph, Icon } from '../../components/icon';
import { CategoryIcon } from '../../components/icon/category';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';
/** 「在地图上选位置」: the weapp, and H5 with a map key. */
const MAP_PICK = canPickOnMap(IS_WEAPP);
/** The line under the form that shows why a submit was refused or failed (fields point to it). */
const SUBMIT_ERROR_ID = 'rp-error';

/** Why a submit was refused or failed; `field` when it is one field's problem (it marks that field). */
interface SubmitError {
  message: string;
  field?: 'description' | 'phone';
}
const NO_ERROR: Partial<SubmitError> = {};

interface FormData {
  categories: Category[];
  communities: Community[];
}

const loadForm = async (): Promise<FormData> => {
  const [cats, places] = await Promise.all([residentApi.listCategories(), residentApi.listPlaces()]);
  return { categories: cats.items, communities: places.communities };
};

/** The subscribe templates: the server's, else the built-in fallback (weapp only). */
const loadTemplates = async (): Promise<readonly string[]> => {
  try {
    const r = await residentApi.subscribeTemplates();
    return r.templateIds.length ? r.templateIds : RESIDENT_TEMPLATE_IDS;
  } catch {
    return RESIDENT_TEMPLATE_IDS;
  }
};

export default function ReportPage() {
  const session = useStore(sessionStore);
  const ready = !needsPersona(session);
  const form = useRemote(loadForm, ready);
  const templates = useRemote(loadTemplates, ready && IS_WEAPP);

  // A draft left from before (a failed submit, or the page was left) comes back as it was.
  const [saved] = useState(() => reportDraftStore.get());
  const restored = hasContent(saved);
  const [categoryId, setCategoryId] = useState<string | undefined>(saved?.categoryId);
  const place = useStore(placeStore);
  const [editingPlace, setEditingPlace] = useState(false);
  const [location, setLocation] = useState<MapLocation | undefined>(saved?.location);
  const [description, setDescription] = useState(saved?.description ?? '');
  const [isPublic, setIsPublic] = useState<boolean | undefined>(saved?.isPublic);
  const [contactPhone, setContactPhone] = useState(saved?.contactPhone ?? '');
  const [requestId, setRequestId] = useState(() => saved?.requestId ?? newRequestId());
  const photos = usePhotoUploads(undefined, saved?.photos ?? []);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<SubmitError>();
  const [failedOnce, setFailedOnce] = useState(false);
  const [result, setResult] = useState<SubmitCaseResult>();
  const [showRestored, setShowRestored] = useState(restored);

  const categories = form.data?.categories ?? [];
  const communities = form.data?.communities ?? [];
  const category = categories.find((c) => c.id === categoryId);
  const resolved = useMemo(() => resolvePlace(communities, place), [communities, place]);
  const byMap = Boolean(location && resolved.grid);
  const placeComplete = Boolean(resolved.building) || byMap;
  const showPlacePickers = editingPlace || !placeComplete;
  const publicNow = isPublic ?? category?.defaultPublic ?? true;

  // Keep the draft while the app runs (photos: only the uploaded ones).
  useEffect(() => {
    if (result) return;
    reportDraftStore.set({
      requestId,
      categoryId,
      description,
      isPublic,
      contactPhone,
      location,
      photos: photos.items.filter((p) => p.status === 'done'),
    });
  }, [requestId, categoryId, description, isPublic, contactPhone, location, photos.items, result]);

  // 已有相同问题，是否附议？ — same category, in the building or near the map point, looked up when typing pauses.
  const [similar, setSimilar] = useState<SimilarCase[]>([]);
  const [dismissedKey, setDismissedKey] = useState<string>();
  const searchRef = useRef<SimilarSearch>();
  if (!searchRef.current) {
    searchRef.current = createSimilarSearch<SimilarCase>({
      fetch: async (q) => (await residentApi.findSimilar(q)).items,
      onResult: setSimilar,
    });
  }
  const buildingId = byMap ? undefined : resolved.building?.id;
  const similarQuery = {
    categoryId,
    buildingId,
    ...(byMap && location ? { gridId: resolved.grid!.id, point: { latitude: location.latitude, longitude: location.longitude } } : {}),
  };
  const similarKey = similarKeyOf(similarQuery) ?? '';
  useEffect(() => {
    if (ready) searchRef.current!.update(similarQuery);
    // similarKey stands for the query (a new object every render, the same question).
  }, [ready, similarKey, description]);
  useEffect(() => () => searchRef.current?.cancel(), []);
  const offered = dismissedKey === similarKey ? [] : similar;
  const [supported, setSupported] = useState<{ supportCount: number }>();
  const [supporting, setSupporting] = useState<string>();

  // Only the obvious single choices are filled in; ids that no longer exist are dropped.
  useEffect(() => {
    if (!form.data) return;
    const r = resolvePlace(form.data.communities, placeStore.get());
    const clean = toChoice(r);
    if (JSON.stringify(clean) !== JSON.stringify(placeStore.get())) placeStore.set(clean);
  }, [form.data]);

  useEffect(() => {
    if (photos.lastError) void Taro.showToast({ title: photos.lastError, icon: 'none', duration: 2500 });
  }, [photos.lastError]);

  const chooseCategory = (c: Category) => {
    setCategoryId(c.id);
    // Each category has its own default; disputes and family matters stay private.
    setIsPublic(undefined);
    setSubmitError(undefined);
  };

  const choosePlace = (next: PlaceChoice) => {
    placeStore.set(next);
    setSubmitError(undefined);
    const r = resolvePlace(communities, next);
    if (r.building) {
      setLocation(undefined);
      setEditingPlace(false);
    }
  };

  const pickOnMap = async () => {
    if (!resolved.grid) {
      void Taro.showToast({ title: '请先选择社区和网格', icon: 'none' });
      return;
    }
    try {
      const res = await Taro.chooseLocation({});
      const address = [res.name, res.address].filter(Boolean).join(' · ').slice(0, 100) || '地图选点';
      setLocation({ latitude: res.latitude, longitude: res.longitude, address });
      setEditingPlace(false);
      setSubmitError(undefined);
    } catch {
      // Cancelled, or location not allowed: the building chips still work.
    }
  };

  const phone = contactPhone.trim();
  const problem =
    draftProblem({ categoryId, buildingId: resolved.building?.id, mapPlace: byMap, description, isPublic: publicNow }) ??
    photos.problem ??
    phoneProblem(phone);

  // The subscribe ids must be known before the tap: the ask cannot wait for them.
  const canAsk = subscribeReady(IS_WEAPP, templates.data);

  const submit = () => {
    if (submitting || !canAsk) return;
    if (problem) {
      const field = problem === descriptionProblem(description) ? 'description' : problem === phoneProblem(phone) ? 'phone' : undefined;
      setSubmitError({ message: problem, field });
      return;
    }
    // WeChat shows the subscribe dialog only from a tap, so it is asked here, before any await.
    const subscribing = askSubscriptions(templates.data ?? RESIDENT_TEMPLATE_IDS);
    void send(subscribing);
  };

  const send = async (subscribing: ReturnType<typeof askSubscriptions>) => {
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const res = await residentApi.submitCase({
        requestId,
        categoryId: categoryId!,
        ...(byMap ? { gridId: resolved.grid!.id, location } : { buildingId: resolved.building!.id }),
        description: description.trim(),
        isPublic: publicNow,
        ...(photos.fileIds.length ? { photos: photos.fileIds } : {}),
        ...(phone ? { contactPhone: phone } : {}),
      });
      reportDraftStore.set(undefined);
      if (!byMap) recentPlacesStore.remember(toChoice(resolved));
      setResult(res);
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
      void subscribing.then((answers) => (answers ? residentApi.recordSubscriptions(answers) : undefined)).catch(() => undefined);
    } catch (e) {
      // Everything typed stays; the next tap retries with the same requestId.
      setSubmitError({ message: errorMessage(e) });
      setFailedOnce(true);
    } finally {
      setSubmitting(false);
    }
  };

  const support = async (c: SimilarCase) => {
    if (supporting) return;
    setSupporting(c.id);
    try {
      const r = await residentApi.supportCase(c.id);
      setSupported({ supportCount: r.supportCount });
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 3000 });
    } finally {
      setSupporting(undefined);
    }
  };

  const startAgain = () => {
    setResult(undefined);
    setSupported(undefined);
    setCategoryId(undefined);
    setDescription('');
    setIsPublic(undefined);
    setContactPhone('');
    setLocation(undefined);
    photos.reset();
    setSubmitError(undefined);
    setFailedOnce(false);
    setShowRestored(false);
    setRequestId(newRequestId());
    reportDraftStore.set(undefined);
  };

  if (result) {
    return (
      <PageShell className="report" testId="page-report">
        <Confirmation result={result} onAnother={startAgain} />
      </PageShell>
    );
  }

  if (supported) {
    return (
      <PageShell className="report" testId="page-report">
        <View className="confirm" data-testid="support-done">
          <View className="confirm__mark">
            <Glyph>✓</Glyph>
          </View>
          <View className="confirm__title">已附议</View>
          <View className="card confirm__text">
            共有 <Text className="report__strong">{supported.supportCount}</Text>{' '}
            位居民附议了这个问题。不用重复上报，处理进展会在公示栏公开。
          </View>
          <BigButton
            onClick={() => {
              startAgain();
              void Taro.switchTab({ url: ROUTES.home });
            }}
            testId="support-home"
          >
            返回首页
          </BigButton>
          <BigButton kind="plain" onClick={() => setSupported(undefined)} testId="support-continue">
            我的情况不一样，继续上报
          </BigButton>
        </View>
      </PageShell>
    );
  }

  const count = charCount(description);
  // A field's refusal follows its text: fixed, the field is valid again and the line goes.
  const { message, field } = submitError || NO_ERROR;
  const descriptionError = field === 'description' ? descriptionProblem(description) : undefined;
  const phoneError = field === 'phone' ? phoneProblem(phone) : undefined;
  const shownError = field ? descriptionError || phoneError : message;

  return (
    <PageShell className="report" testId="page-report">
      <ErrorLine message={form.error} onRetry={() => void form.reload()} testId="form-error" />
      {form.loading && !form.data ? <Loading /> : null}

      {form.data ? (
        <View>
          {showRestored ? (
            <View className="report__restored" data-testid="draft-restored">
              <Text>已恢复您上次没提交的内容</Text>
              <View className="report__restored-clear" onClick={startAgain} {...asButton()}>
                清空重写
              </View>
            </View>
          ) : null}

          <SectionTitle>① 遇到了什么问题？</SectionTitle>
          <View className="report__categories" data-testid="category-grid" {...asRadioGroup('遇到了什么问题')}>
            {categories.map((c) => (
              <View
                key={c.id}
                className={`category ${c.id === categoryId ? 'category--on' : ''}`}
                hoverClass="category--pressed"
                onClick={() => chooseCategory(c)}
                data-testid={`category-${c.id}`}
                {...asRadio(c.id === categoryId, c.name)}
              >
                <CategoryIcon icon={c.icon} name={c.name} className="category__icon" />
                <Text className="category__name">{c.name}</Text>
              </View>
            ))}
          </View>
          <CategoryHelp categories={categories} chosen={category} onChoose={chooseCategory} />
          {category ? (
            <View className="report__route" data-testid="category-route">
              将交给本网格的 <Text className="report__strong">{categoryRoleName(category, resolved.community?.id)}</Text> 处理
            </View>
          ) : null}

          <SectionTitle
            extra={
              !showPlacePickers ? (
                <View
                  className="report__change"
                  onClick={() => setEditingPlace(true)}
                  data-testid="place-change"
                  {...asButton('更改问题地点')}
                >
                  更改
                </View>
              ) : null
            }
          >
            ② 问题在哪里？
          </SectionTitle>
          {showPlacePickers ? (
            <>
              <LocatePlace communities={communities} chosenBuildingId={resolved.building?.id} onPick={choosePlace} />
              <PlacePicker communities={communities} choice={place} onChange={choosePlace} />
            </>
          ) : (
            <View className="card report__place" data-testid="place-summary">
              {byMap ? (
                <>
                  <View>
                    <Icon name="map-pin" tone="text" />
                    {location!.address}
                  </View>
                  <View className="report__place-sub">{placeLabel({ community: resolved.community, grid: resolved.grid })} · 地图选点</View>
                </>
              ) : (
                <View>
                  <Icon name="map-pin" tone="text" />
                  {placeLabel(resolved)}
                </View>
              )}
            </View>
          )}
          {MAP_PICK && showPlacePickers ? (
            <BigButton kind="plain" onClick={() => void pickOnMap()} testId="pick-on-map">
              找不到楼栋？在地图上选位置
            </BigButton>
          ) : null}

          <SectionTitle>③ 说说情况</SectionTitle>
          <View className="card report__desc">
            <Textarea
              className="report__textarea"
              value={description}
              maxlength={DESCRIPTION_MAX}
              placeholder={descriptionHint(category)}
              placeholderClass="report__placeholder"
              onInput={(e) => setDescription(e.detail.value)}
              data-testid="description"
              {...asField({
                id: 'rp-desc',
                name: '说说情况',
                required: true,
                error: descriptionError,
                describedBy: [descriptionError && SUBMIT_ERROR_ID, 'rp-desc-hint'],
              })}
            />
            <View className={`report__count ${count >= DESCRIPTION_MAX ? 'report__count--full' : ''}`} data-testid="description-count">
              {count}/{DESCRIPTION_MAX}
            </View>
          </View>
          <View className="report__hint" id="rp-desc-hint">
            说清楚地点和情况，处理人员能更快找到问题。请不要写身份证号、车牌号。
          </View>

          {offered.length > 0 ? (
            <SimilarOffer
              items={offered}
              supporting={supporting}
              onSupport={(c) => void support(c)}
              onDismiss={() => setDismissedKey(similarKey)}
            />
          ) : null}

          <View className="report__label-line">拍照片（选填，最多{photos.max}张）</View>
          <PhotoPicker photos={photos} />

          <SectionTitle>④ 是否公开</SectionTitle>
          <View className="report__choices" data-testid="public-choice" {...asRadioGroup('是否公开')}>
            <Choice on={publicNow} onClick={() => setIsPublic(true)} testId="public-yes" title="公开" text="让邻居看到进展" />
            <Choice on={!publicNow} onClick={() => setIsPublic(false)} testId="public-no" title="不公开" text="只有办理人员能看到" />
          </View>
          <View className="report__public-note" data-testid="public-note">
            {publicNow
              ? '公开后，社区审核并隐去姓名、电话、门牌号等信息后，问题描述和办理过程会在公示栏展示。'
              : '不公开：只有您、办理人员和社区管理员能看到这件诉求。'}
            {category && !category.defaultPublic ? ' 这类问题默认不公开，保护您和家人的隐私。' : ''}
          </View>

          <SectionTitle>⑤ 联系电话（选填）</SectionTitle>
          <View className="card report__phone">
            <Input
              className="report__input"
              type="number"
              maxlength={13}
              value={contactPhone}
              placeholder="方便办理人员联系您"
              placeholderClass="report__placeholder"
              onInput={(e) => setContactPhone(e.detail.value)}
              data-testid="contact-phone"
              {...asField({
                id: 'rp-phone',
                name: '联系电话（选填）',
                error: phoneError,
                describedBy: [phoneError && SUBMIT_ERROR_ID, 'rp-phone-note'],
              })}
            />
            <View className="report__label" id="rp-phone-note">
              只有办理人员和社区管理员能看到，不会公开。
            </View>
          </View>

          {shownError ? (
            <View className="report__submit-error" id={SUBMIT_ERROR_ID} data-testid="submit-error" {...asAlert()}>
              <Text>{shownError}</Text>
              {failedOnce ? <View className="report__submit-keep">您填写的内容都还在，可以直接点「重新提交」。</View> : null}
            </View>
          ) : null}
          <BigButton onClick={submit} disabled={submitting || !canAsk} testId="submit-button">
            {submitting ? '正在提交…' : !canAsk ? '准备中…' : failedOnce ? '重新提交' : '提交诉求'}
          </BigButton>
          <View className="report__footnote">提交后，本网格负责的成员会收到任务，并在规定时限内办理。</View>
        </View>
      ) : null}
    </PageShell>
  );
}

function Choice({ on, onClick, testId, title, text }: { on: boolean; onClick: () => void; testId: string; title: string; text: string }) {
  return (
    <View
      className={`choice ${on ? 'choice--on' : ''}`}
      hoverClass="choice--pressed"
      onClick={onClick}
      data-testid={testId}
      {...asRadio(on, `${title}：${text}`)}
    >
      <View className="choice__title">
        <Glyph>{on ? '◉ ' : '○ '}</Glyph>
        {title}
      </View>
      <View className="choice__text">{text}</View>
    </View>
  );
}

function SimilarOffer({
  items,
  supporting,
  onSupport,
  onDismiss,
}: {
  items: SimilarCase[];
  supporting?: string;
  onSupport: (c: SimilarCase) => void;
  onDismiss: () => void;
}) {
  return (
    <View className="similar" data-testid="similar-offer">
      <View className="similar__title">已有相同问题，是否附议？</View>
      <View className="similar__text">同一楼栋或附近已经有人反映了这类问题。附议后办理人员会知道有更多人关心，不用重复上报。</View>
      {items.slice(0, 3).map((c) => (
        <View key={c.id} className="similar__item" data-testid="similar-item" data-case-id={c.id}>
          <View className="similar__desc">{excerpt(c.description, 40)}</View>
          <View className="similar__meta">
            {c.sameBuilding === false ? `附近${c.buildingName ? ` ${c.buildingName}` : ''}（${c.distance ?? ''}） · ` : ''}
            {c.statusName} · {formatTime(c.createdAt)}
            {c.supportCount ? ` · ${c.supportCount}人附议` : ''}
          </View>
          {c.mine ? (
            <BigButton kind="secondary" onClick={() => void Taro.navigateTo({ url: ROUTES.caseDetail(c.id) })} testId="similar-mine">
              这是我报的，去看看进度
            </BigButton>
          ) : c.supported ? (
            <View className="similar__done">您已附议过</View>
          ) : (
            <BigButton onClick={() => onSupport(c)} disabled={supporting === c.id} testId="similar-support">
              {supporting === c.id ? '正在附议…' : '附议'}
            </BigButton>
          )}
        </View>
      ))}
      <View className="similar__dismiss" onClick={onDismiss} data-testid="similar-dismiss" {...asButton()}>
        不是同一件事，继续上报
      </View>
    </View>
  );
}

function Confirmation({ result, onAnother }: { result: SubmitCaseResult; onAnother: () => void }) {
  const limit = limitLine(result.limitText, result.dueAt);
  return (
    <View className="confirm" data-testid="confirmation">
      <View className="confirm__mark">
        <Glyph>✓</Glyph>
      </View>
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
            <Text className="confirm__key">{result.status === 'assigned' ? '最晚受理' : '最晚'}</Text>
            <Text className="confirm__value">{formatTime(result.dueAt)}</Text>
          </View>
        ) : null}
        {result.routeExplanation ? <View className="confirm__route">{result.routeExplanation}</View> : null}
      </View>
      <View className="confirm__next">有进展时会在「消息」里告诉您；办好后请您评价。</View>
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

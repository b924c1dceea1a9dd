import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { LabelledTextarea } from '../../components/labelled-field';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffNote, StaffTag } from '../../components/staff-ui';
import { adminApi, type ReviewItem, type ReviewQueue, type ReviewText } from '../../services/admin-api';
import { errorMessage } from '../../services/api-error';
import { useSignedIn } from '../../state/staff-profile';
import { useRemote } from '../../utils/use-remote';
import './index.scss';
import { asCheckbox } from '../../utils/a11y';

/**
 * 公开内容审核 (审核后公开): what residents and members wrote reaches the public board only once
 * approved here. Each text shows the original beside the masked suggestion; approve in one tap,
 * edit then approve, or keep it private with a reason; approve every listed case at once.
 */
export default function ReviewPage() {
  const signedIn = useSignedIn();
  const [pages, setPages] = useState<ReviewQueue[]>([]);
  const first = useRemote(() => adminApi.reviewQueue(), signedIn);
  const [bulkBusy, setBulkBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string>();

  useEffect(() => {
    if (first.data) setPages([first.data]);
  }, [first.data]);
  usePullDownRefresh(() => {
    void first.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const items = pages.flatMap((p) => p.items);
  const last = pages[pages.length - 1];
  const autoPublish = first.data?.autoPublish ?? [];

  const loadMore = async () => {
    if (!last?.nextCursor) return;
    try {
      const next = await adminApi.reviewQueue(last.nextCursor);
      setPages((ps) => [...ps, next]);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const done = (caseId: string, message: string) => {
    setPages((ps) => ps.map((p) => ({ ...p, items: p.items.filter((i) => i.caseId !== caseId) })));
    setNote(message);
  };

  const approveAll = async () => {
    if (bulkBusy || items.length === 0) return;
    setBulkBusy(true);
    setError(undefined);
    try {
      const r = await adminApi.approveTexts(items.map((i) => i.caseId));
      setNote(`已按建议公开 ${r.approved} 段内容`);
      await first.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBulkBusy(false);
    }
  };

  const toggleAuto = async (communityId: string, on: boolean) => {
    setError(undefined);
    try {
      await adminApi.setAutoPublish(communityId, on);
      Taro.showToast({ title: on ? '已开启脱敏后自动公开' : '已关闭，新内容需审核', icon: 'none' });
      await first.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <PageShell className="review" testId="page-review">
      <StaffNote>
        居民和成员填写的文字（描述、补充、进展、结果、理由）审核通过后才在公示栏显示，未审核时公示栏显示「内容审核中」。建议文本已遮盖电话、证件、车牌、门牌和姓名。
      </StaffNote>
      <ErrorLine message={error ?? first.error} onRetry={() => void first.reload()} />
      {note ? (
        <StaffNote tone="green" testId="review-note">
          {note}
        </StaffNote>
      ) : null}

      {autoPublish.length > 0 ? (
        <View data-testid="review-auto">
          <SectionTitle>脱敏后自动公开</SectionTitle>
          {autoPublish.map((a) => (
            <View key={a.communityId} className="review__auto" data-testid={`review-auto-${a.communityId}`}>
              <Text className="review__auto-name">{a.communityName}</Text>
              <View
                className={`review__switch ${a.on ? 'review__switch--on' : ''}`}
                onClick={() => void toggleAuto(a.communityId, !a.on)}
                data-testid={`review-auto-toggle-${a.communityId}`}
                {...asCheckbox(a.on, `${a.communityName}：脱敏后自动公开`)}
              >
                {a.on ? '已开启' : '未开启'}
              </View>
            </View>
          ))}
          <StaffNote>开启后，新内容脱敏后直接公开，不再等待审核（默认关闭）。</StaffNote>
        </View>
      ) : null}

      <SectionTitle>
        待审核（{items.length}
        {last?.nextCursor ? '+' : ''} 件诉求）
      </SectionTitle>
      {first.loading && pages.length === 0 ? <Loading /> : null}
      {first.data && items.length === 0 ? (
        <View data-testid="review-empty">
          <EmptyState icon="circle-check" title="没有待审核的内容">
            新的描述、进展和结果会出现在这里。
          </EmptyState>
        </View>
      ) : null}
      {items.length > 1 ? (
        <BigButton onClick={() => void approveAll()} disabled={bulkBusy} testId="review-approve-all">
          {bulkBusy ? '正在公开…' : `全部按建议公开（${items.length} 件）`}
        </BigButton>
      ) : null}
      <View data-testid="review-list">
        {items.map((item) => (
          <ReviewCard key={`${item.caseId}:${item.version}`} item={item} onDone={done} />
        ))}
      </View>
      {last?.nextCursor ? (
        <BigButton kind="plain" onClick={() => void loadMore()} testId="review-more">
          加载更多
        </BigButton>
      ) : null}
    </PageShell>
  );
}

type Mode = { kind: 'view' } | { kind: 'edit'; text: string } | { kind: 'private'; reason: string };

function ReviewCard({ item, onDone }: { item: ReviewItem; onDone: (caseId: string, message: string) => void }) {
  const [modes, setModes] = useState<Record<string, Mode>>({});
  const [decided, setDecided] = useState<Record<string, string>>({});
  const [version, setVersion] = useState(item.version);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const modeOf = (key: string): Mode => modes[key] ?? { kind: 'view' };
  const setMode = (key: string, m: Mode) => setModes((ms) => ({ ...ms, [key]: m }));

  const decide = async (t: ReviewText, decision: Parameters<typeof adminApi.reviewTexts>[2][number], label: string) => {
    if (busy) return;
    if (!decision.approve && !decision.reason.trim()) return setError('请填写不公开的原因');
    if (decision.approve && decision.text !== undefined && !decision.text.trim()) return setError('公开内容不能为空');
    setBusy(true);
    setError(undefined);
    try {
      const r = await adminApi.reviewTexts(item.caseId, version, [decision]);
      setVersion(r.version);
      const next = { ...decided, [t.key]: label };
      setDecided(next);
      if (item.texts.every((x) => next[x.key])) onDone(item.caseId, `诉求 ${item.caseId.slice(-6)} 的内容已审核完`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="review__card card" data-testid={`review-case-${item.caseId}`}>
      <View className="review__head">
        <Text className="review__cat">{item.categoryName}</Text>
        <StaffTag>{item.statusName}</StaffTag>
      </View>
      <View className="review__place">
        {item.placeName} · {item.createdAt.slice(0, 10)}
      </View>
      {item.texts.map((t) => {
        const mode = modeOf(t.key);
        const result = decided[t.key];
        return (
          <View key={t.key} className="review__text" data-testid={`review-text-${t.key}`}>
            <View className="review__label">{t.label}</View>
            <View className="review__pair">
              <View className="review__col">
                <View className="review__col-title">原文（不公开）</View>
                <View className="review__original" data-testid="review-original">
                  {t.original}
                </View>
              </View>
              <View className="review__col">
                <View className="review__col-title">公开建议（已脱敏）</View>
                <View className="review__suggestion" data-testid="review-suggestion">
                  {t.suggestion}
                </View>
              </View>
            </View>
            {result ? (
              <StaffNote tone="green" testId="review-decided">
                {result}
              </StaffNote>
            ) : mode.kind === 'view' ? (
              <View className="review__actions">
                <BigButton
                  onClick={() => void decide(t, { key: t.key, approve: true }, '已按建议公开')}
                  disabled={busy}
                  testId="review-approve"
                >
                  按建议公开
                </BigButton>
                <BigButton kind="secondary" onClick={() => setMode(t.key, { kind: 'edit', text: t.suggestion })} testId="review-edit">
                  修改后公开
                </BigButton>
                <BigButton kind="plain" onClick={() => setMode(t.key, { kind: 'private', reason: '' })} testId="review-private">
                  不公开
                </BigButton>
              </View>
            ) : (
              <View className="review__form">
                <LabelledTextarea
                  label={mode.kind === 'edit' ? '公开的文字' : '不公开的原因'}
                  required
                  value={mode.kind === 'edit' ? mode.text : mode.reason}
                  maxlength={mode.kind === 'edit' ? 2000 : 200}
                  placeholder={mode.kind === 'edit' ? '公开的文字' : '不公开的原因（如：涉及家庭隐私）'}
                  onChange={(value) =>
                    setMode(t.key, mode.kind === 'edit' ? { kind: 'edit', text: value } : { kind: 'private', reason: value })
                  }
                  testId={mode.kind === 'edit' ? 'review-edit-text' : 'review-private-reason'}
                  instance={t.key}
                />
                <View className="review__actions">
                  <BigButton
                    onClick={() =>
                      void (mode.kind === 'edit'
                        ? decide(t, { key: t.key, approve: true, text: mode.text }, '已修改后公开')
                        : decide(t, { key: t.key, approve: false, reason: mode.reason }, `不公开：${mode.reason.trim()}`))
                    }
                    disabled={busy}
                    testId="review-confirm"
                  >
                    {mode.kind === 'edit' ? '确认公开' : '确认不公开'}
                  </BigButton>
                  <BigButton kind="plain" onClick={() => setMode(t.key, { kind: 'view' })} testId="review-cancel">
                    取消
                  </BigButton>
                </View>
              </View>
            )}
          </View>
        );
      })}
      <ErrorLine message={error} />
    </View>
  );
}

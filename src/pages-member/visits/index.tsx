import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { LabelledInput, LabelledTextarea } from '../../components/labelled-field';
import { BigButton } from '../../components/big-button';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffPhotoPicker } from '../../components/staff-photos';
import { PhoneLink, StaffChips, StaffNote, StaffTag, type Tone } from '../../components/staff-ui';
import { SubmitButton } from '../../components/submit-button';
import { useSubmit } from '../../hooks/use-submit';
import { careApi, type CareSubjectView, type CareVisitView, type VisitState } from '../../services/care-api';
import { memberApi } from '../../services/member-api';
import { useSignedIn } from '../../state/staff-profile';
import { addDays, chinaDate } from '../../utils/staff-case-filter';
import { newRequestId, textProblem } from '../../utils/staff-form';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import { useRemote } from '../../utils/use-remote';
import './index.scss';
import { asButton } from '../../utils/a11y';

const TONES: Record<VisitState, Tone> = { overdue: 'red', due: 'orange', ok: 'green' };
const MAX_NEEDS = 5;

function dueLine(s: CareSubjectView): string {
  if (s.dueState === 'overdue') return `应于 ${s.dueOn} 前走访，已逾期 ${-s.daysLeft} 天`;
  if (s.daysLeft === 0) return '今天应走访';
  return `下次走访：${s.dueOn}（还有 ${s.daysLeft} 天）`;
}

/** 走访关爱: my people (overdue first), or one person with their visits and a new visit. */
export default function VisitsPage() {
  const id = useRouter().params.id;
  return id ? <SubjectView subjectId={id} /> : <MyPeople />;
}

function MyPeople() {
  const mine = useRemote(() => careApi.mine(), useSignedIn());
  const items = mine.data?.items ?? [];
  return (
    <PageShell className="visits" testId="page-visits">
      <ErrorLine message={mine.error} onRetry={() => void mine.reload()} />
      {mine.loading && !mine.data ? <Loading /> : null}
      {mine.data ? (
        <View>
          <StaffNote>名册由社区维护，仅您和社区、街道管理员可见。每月至少走访一次，发现的需求可一键转为诉求。</StaffNote>
          {items.length === 0 ? <EmptyState icon="house" title="暂无分配给您的走访对象" /> : null}
          {items.map((s) => (
            <View
              key={s.id}
              className="card"
              onClick={() => void Taro.navigateTo({ url: STAFF_ROUTES.visit(s.id) })}
              data-testid="care-subject"
              data-state={s.dueState}
              {...asButton(`走访对象 ${s.name}，${s.dueStateName}，${s.groupNames.join('、')} · ${s.address}，${dueLine(s)}`)}
            >
              <View className="visits__head">
                <Text className="visits__name">{s.name}</Text>
                <StaffTag tone={TONES[s.dueState]}>{s.dueStateName}</StaffTag>
              </View>
              <View className="visits__meta">
                {s.groupNames.join('、')} · {s.address}
              </View>
              <View className="visits__meta">{dueLine(s)}</View>
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}

function SubjectView({ subjectId }: { subjectId: string }) {
  const signedIn = useSignedIn();
  const detail = useRemote(() => careApi.subject(subjectId), signedIn);
  const options = useRemote(() => memberApi.patrolOptions(), signedIn);
  const today = chinaDate(new Date());
  const days = [0, 1, 2, 3, 4, 5, 6].map((n) => {
    const d = addDays(today, -n);
    return { value: d, label: n === 0 ? '今天' : n === 1 ? '昨天' : d.slice(5) };
  });
  const [visitedOn, setVisitedOn] = useState(today);
  const [found, setFound] = useState('');
  const [needs, setNeeds] = useState<string[]>([]);
  const [photos, setPhotos] = useState<string[]>([]);
  const [requestId, setRequestId] = useState(() => newRequestId());
  const sending = useSubmit();
  const [turning, setTurning] = useState<{ visitId: string; index: number }>();
  const [categoryId, setCategoryId] = useState<string>();

  const s = detail.data?.subject;

  const submit = () => {
    const cleaned = needs.map((n) => n.trim()).filter(Boolean);
    const problem = textProblem(found, '走访情况', 500) ?? cleaned.map((n) => textProblem(n, '需求', 200)).find(Boolean);
    // On failure what was typed stays; the next tap retries with the same requestId.
    return sending.run(
      async () => {
        await careApi.recordVisit({
          requestId,
          subjectId,
          visitedOn,
          found: found.trim(),
          needs: cleaned,
          ...(photos.length ? { photos } : {}),
        });
        Taro.showToast({ title: '已登记走访', icon: 'success' });
        setFound('');
        setNeeds([]);
        setPhotos([]);
        setRequestId(newRequestId());
        await detail.reload();
      },
      { problem },
    );
  };

  const toCase = () => {
    if (!turning) return;
    if (!categoryId) return sending.fail('请选择问题类别');
    return sending.run(async () => {
      const r = await careApi.needToCase(turning.visitId, turning.index, categoryId);
      setTurning(undefined);
      Taro.showToast({ title: '已转为诉求', icon: 'success' });
      await detail.reload();
      void Taro.navigateTo({ url: STAFF_ROUTES.task(r.caseId) });
    });
  };

  const visitCard = (v: CareVisitView) => (
    <View key={v.id} className="card" data-testid="care-visit">
      <View className="visits__head">
        <Text>{v.visitedOn}</Text>
        <Text className="visits__meta">{v.visitorName}</Text>
      </View>
      <View>{v.found}</View>
      {v.needs.map((n) => (
        <View key={n.index} className="visits__need" data-testid="care-need">
          <Text>需求：{n.text}</Text>
          {n.caseId ? (
            <View
              className="visits__link"
              onClick={() => void Taro.navigateTo({ url: STAFF_ROUTES.task(n.caseId!) })}
              data-testid="care-need-case"
              {...asButton(`查看需求「${n.text}」已转的诉求`)}
            >
              已转诉求 ›
            </View>
          ) : (
            <View
              className="visits__link"
              onClick={() => setTurning({ visitId: v.id, index: n.index })}
              data-testid="care-need-turn"
              {...asButton(`把需求「${n.text}」转为诉求`)}
            >
              转为诉求
            </View>
          )}
        </View>
      ))}
      {turning?.visitId === v.id ? (
        <View data-testid="care-turn-form">
          <SectionTitle>选择问题类别</SectionTitle>
          <StaffChips
            options={(options.data?.categories ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={categoryId}
            onChange={setCategoryId}
            testId="care-turn-category"
            label="选择问题类别"
          />
          <StaffNote>将作为本网格的诉求（来源：走访），不公开，不含走访对象姓名。</StaffNote>
          <SubmitButton submit={sending} onClick={() => void toCase()} busyText="正在提交…" testId="care-turn-submit">
            确认转为诉求
          </SubmitButton>
        </View>
      ) : null}
    </View>
  );

  return (
    <PageShell className="visits" testId="page-visit">
      <ErrorLine message={detail.error} onRetry={() => void detail.reload()} />
      {detail.loading && !detail.data ? <Loading /> : null}
      {s ? (
        <View>
          <View className="card" data-testid="care-person">
            <View className="visits__head">
              <Text className="visits__name">{s.name}</Text>
              <StaffTag tone={TONES[s.dueState]} testId="care-due-state">
                {s.dueStateName}
              </StaffTag>
            </View>
            <View className="visits__meta">
              {s.groupNames.join('、')} · {s.gridName} {s.address}
            </View>
            <View className="visits__meta" data-testid="care-due">
              {dueLine(s)}
            </View>
            {s.notes ? <View className="visits__meta">备注：{s.notes}</View> : null}
            {s.phone ? <PhoneLink phone={s.phone} /> : null}
          </View>

          <SectionTitle>登记本次走访</SectionTitle>
          <StaffChips options={days} value={visitedOn} onChange={setVisitedOn} testId="care-date" label="走访日期" />
          <LabelledTextarea
            label="走访情况"
            required
            value={found}
            maxlength={500}
            counter
            placeholder="身体、生活、家里情况如何。"
            onChange={setFound}
            testId="care-found"
          />
          {needs.map((n, i) => (
            <LabelledInput
              key={i}
              label={`需求 ${i + 1}`}
              value={n}
              maxlength={200}
              placeholder="发现的需求，如：厨房水管漏水"
              onChange={(v) => setNeeds(needs.map((x, j) => (j === i ? v : x)))}
              testId="care-need-input"
              instance={i}
            />
          ))}
          {needs.length < MAX_NEEDS ? (
            <BigButton kind="plain" onClick={() => setNeeds([...needs, ''])} testId="care-need-add">
              ＋ 添加一条需求
            </BigButton>
          ) : null}
          <StaffPhotoPicker value={photos} onChange={setPhotos} max={3} testId="care-photos" />
          <SubmitButton submit={sending} onClick={() => void submit()} busyText="正在提交…" testId="care-submit" errorTestId="care-error">
            登记走访
          </SubmitButton>

          <SectionTitle>走访记录</SectionTitle>
          {detail.data!.visits.length === 0 ? <StaffNote>还没有走访记录。</StaffNote> : null}
          <View data-testid="care-visits">{detail.data!.visits.map(visitCard)}</View>
        </View>
      ) : null}
    </PageShell>
  );
}

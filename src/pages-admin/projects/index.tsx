import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { LabelledInput } from '../../components/labelled-field';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffChips, StaffNote, StaffTag } from '../../components/staff-ui';
import { StaffPhotoPicker } from '../../components/staff-photos';
import { SubmitButton } from '../../components/submit-button';
import { useSubmit } from '../../hooks/use-submit';
import { microProjectsApi, type RoundProject, type RoundView } from '../../services/micro-projects-api';
import { useSignedIn } from '../../state/staff-profile';
import { addDays, chinaDate } from '../../utils/staff-case-filter';
import { textProblem } from '../../utils/staff-form';
import { nextStage, NEXT_STAGE_LABEL, roundDraftProblem, yuan, type ProjectFields } from '../../utils/micro-projects';
import { useRemote } from '../../utils/use-remote';
import './index.scss';

/** A candidate project's fields as the form asks for them. */
const DRAFT_FIELDS: { key: keyof ProjectFields; label: string; max: number; placeholder: string }[] = [
  { key: 'title', label: '项目名称', max: 40, placeholder: '项目名称' },
  { key: 'description', label: '项目内容', max: 500, placeholder: '项目内容（至少5个字）' },
  { key: 'cost', label: '预计费用（元）', max: 9, placeholder: '预计费用（元）' },
  { key: 'provider', label: '服务提供方', max: 60, placeholder: '服务提供方' },
];

const START = [
  { value: '0', label: '今天开始' },
  { value: '1', label: '明天开始' },
  { value: '7', label: '一周后开始' },
];
const LENGTH = [
  { value: '7', label: '投票7天' },
  { value: '14', label: '投票14天' },
  { value: '30', label: '投票30天' },
];
const EMPTY: ProjectFields = { title: '', description: '', cost: '', provider: '' };

/**
 * 民生微实事 for the community admin: post a voting round of candidate projects (residents of the
 * community vote from 首页), see the live results, and after the close record each project taken
 * up to delivery (立项 → 实施中 → 已完成, the last with photos); the board shows it all.
 */
export default function ProjectsAdminPage() {
  const communityId = useRouter().params.communityId || undefined;
  const rounds = useRemote(() => microProjectsApi.rounds(communityId), useSignedIn());
  const [adding, setAdding] = useState(false);
  const communities = rounds.data?.communities ?? [];
  const items = rounds.data?.items ?? [];

  return (
    <PageShell className="mp" testId="page-admin-projects">
      <ErrorLine message={rounds.error} onRetry={() => void rounds.reload()} />
      {rounds.loading && !rounds.data ? <Loading /> : null}
      {rounds.data ? (
        <View>
          <StaffNote>居民在首页为本社区的候选项目投票，每人每轮只能投一次；结果和项目进度在公示栏公开，不显示投票人。</StaffNote>
          {adding ? (
            <RoundForm
              communities={communities}
              onDone={(saved) => {
                setAdding(false);
                if (saved) void rounds.reload();
              }}
            />
          ) : (
            <BigButton onClick={() => setAdding(true)} testId="mp-add">
              ＋ 发布投票
            </BigButton>
          )}
          <SectionTitle>投票（{items.length} 轮）</SectionTitle>
          {items.length === 0 ? <EmptyState title="还没有发布民生微实事投票" /> : null}
          {items.map((r) => (
            <RoundAdmin key={r.id} round={r} onChanged={() => void rounds.reload()} />
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}

function RoundForm({ communities, onDone }: { communities: { id: string; name: string }[]; onDone: (saved: boolean) => void }) {
  const [communityId, setCommunityId] = useState(communities.length === 1 ? communities[0]!.id : undefined);
  const [title, setTitle] = useState('');
  const [start, setStart] = useState('0');
  const [length, setLength] = useState('7');
  const [votes, setVotes] = useState('1');
  const [projects, setProjects] = useState<ProjectFields[]>([{ ...EMPTY }, { ...EMPTY }]);
  const saving = useSubmit();

  const set = (i: number, field: keyof ProjectFields, value: string) =>
    setProjects(projects.map((p, j) => (j === i ? { ...p, [field]: value } : p)));
  const maxVotes = Math.max(1, Math.min(5, projects.length - 1));

  const save = () => {
    const problem =
      (communityId ? undefined : '请选择社区') ?? textProblem(title, '投票名称', 40) ?? roundDraftProblem(projects, Number(votes));
    const today = chinaDate(new Date());
    const opensOn = addDays(today, Number(start));
    return saving.run(
      async () => {
        await microProjectsApi.saveRound({
          communityId: communityId!,
          title: title.trim(),
          opensOn,
          closesOn: addDays(opensOn, Number(length) - 1),
          votesPerPerson: Number(votes),
          projects: projects.map((p) => ({
            title: p.title.trim(),
            description: p.description.trim(),
            cost: Number(p.cost),
            provider: p.provider.trim(),
          })),
        });
        Taro.showToast({ title: '已发布', icon: 'none' });
        onDone(true);
      },
      { problem },
    );
  };

  return (
    <View className="card" data-testid="mp-form">
      <SectionTitle>发布民生微实事投票</SectionTitle>
      {communities.length > 1 ? (
        <StaffChips
          options={communities.map((c) => ({ value: c.id, label: c.name }))}
          value={communityId}
          onChange={setCommunityId}
          testId="mp-community"
        />
      ) : null}
      <LabelledInput
        label="投票名称"
        required
        value={title}
        maxlength={40}
        placeholder="投票名称，如 2026年冬季民生微实事"
        onChange={setTitle}
        testId="mp-title"
      />
      <View className="mp__label">投票时间</View>
      <StaffChips options={START} value={start} onChange={setStart} testId="mp-start" />
      <StaffChips options={LENGTH} value={length} onChange={setLength} testId="mp-length" />
      <View className="mp__label">每人可投票数（每个项目最多 1 票）</View>
      <StaffChips
        options={Array.from({ length: maxVotes }, (_, i) => ({ value: String(i + 1), label: `${i + 1} 票` }))}
        value={votes}
        onChange={setVotes}
        testId="mp-votes"
      />
      {projects.map((p, i) => (
        <View key={i} className="mp__draft" data-testid="mp-draft">
          <View className="mp__label">候选项目 {i + 1}</View>
          {DRAFT_FIELDS.map((f) => (
            <LabelledInput
              key={f.key}
              label={f.label}
              required
              type={f.key === 'cost' ? 'number' : 'text'}
              value={p[f.key]}
              maxlength={f.max}
              placeholder={f.placeholder}
              onChange={(v) => set(i, f.key, v)}
              testId={`mp-draft-${f.key}`}
              instance={i}
            />
          ))}
          {projects.length > 2 ? (
            <BigButton kind="plain" onClick={() => setProjects(projects.filter((_, j) => j !== i))}>
              删除此项目
            </BigButton>
          ) : null}
        </View>
      ))}
      {projects.length < 12 ? (
        <BigButton kind="plain" onClick={() => setProjects([...projects, { ...EMPTY }])} testId="mp-draft-add">
          ＋ 添加候选项目
        </BigButton>
      ) : null}
      <SubmitButton submit={saving} onClick={() => void save()} busyText="正在发布…" testId="mp-save" errorTestId="mp-error">
        发布
      </SubmitButton>
      <BigButton kind="plain" onClick={() => onDone(false)}>
        取消
      </BigButton>
    </View>
  );
}

function RoundAdmin({ round, onChanged }: { round: RoundView; onChanged: () => void }) {
  return (
    <View className="card" data-testid="mp-round" data-state={round.state}>
      <View className="mp__head">
        {round.title} <StaffTag tone={round.state === 'open' ? 'green' : 'grey'}>{round.stateName}</StaffTag>
      </View>
      <View className="mp__meta">
        {round.communityName} · {round.opensOn} 至 {round.closesOn} · 每人 {round.votesPerPerson} 票 · {round.voters} 人参与
      </View>
      {round.projects.map((p) => (
        <ProjectAdmin key={p.id} round={round} project={p} onChanged={onChanged} />
      ))}
    </View>
  );
}

function ProjectAdmin({ round, project, onChanged }: { round: RoundView; project: RoundProject; onChanged: () => void }) {
  const next = nextStage(project.stage);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const step = useSubmit();

  const advance = () => {
    if (!next) return;
    const problem = next === 'done' && photos.length === 0 ? '项目完成须上传至少 1 张照片' : undefined;
    return step.run(
      async () => {
        await microProjectsApi.deliver({
          roundId: round.id,
          projectId: project.id,
          stage: next,
          on: chinaDate(new Date()),
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(photos.length ? { photos } : {}),
        });
        setNote('');
        setPhotos([]);
        onChanged();
      },
      { problem },
    );
  };

  return (
    <View className="mp__project" data-testid="mp-project">
      <View className="mp__title">
        第{project.rank}名 {project.title} · {project.votes} 票
      </View>
      <View className="mp__meta">
        预计 {yuan(project.cost)} · {project.provider}
        {project.stageName ? ` · ${project.stageName}` : ''}
      </View>
      {project.delivery.map((d) => (
        <View key={d.stage} className="mp__meta">
          {d.stageName} {d.on}
          {d.note ? `：${d.note}` : ''}
        </View>
      ))}
      {round.state === 'closed' && next ? (
        <View>
          <LabelledInput
            label="说明"
            value={note}
            maxlength={200}
            placeholder="说明（选填）"
            onChange={setNote}
            testId="mp-step-note"
            instance={project.id}
          />
          <StaffPhotoPicker
            value={photos}
            onChange={setPhotos}
            max={6}
            addText={next === 'done' ? '完成照片（必填）' : '现场照片（选填）'}
            testId="mp-step-photos"
          />
          <SubmitButton submit={step} kind="secondary" onClick={() => void advance()} testId="mp-step" errorTestId="mp-step-error">
            {NEXT_STAGE_LABEL[next]}
          </SubmitButton>
        </View>
      ) : null}
    </View>
  );
}

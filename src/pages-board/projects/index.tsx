import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { ProjectPhotos } from '../../components/project-photos';
import { StaffTag } from '../../components/staff-ui';
import { microProjectsApi, type DeliveringProject, type RoundView } from '../../services/micro-projects-api';
import { useKeyedRemote } from '../../utils/board-remote';
import { formatRate } from '../../utils/board-format';
import { yuan } from '../../utils/micro-projects';
import './index.scss';

/**
 * 民生微实事 on the 公示栏: each round with its projects' votes (live while it runs, final once it
 * closed) over the number of residents who voted, and the projects taken up followed to delivery
 * (立项 → 实施中 → 已完成, with dates and each stage's photos; the 已完成 photos beside what was
 * promised). No login; never a voter.
 */
export default function ProjectsBoardPage() {
  const communityId = useRouter().params.communityId || undefined;
  const data = useKeyedRemote(() => microProjectsApi.board(communityId), `projects|${communityId ?? ''}`);
  usePullDownRefresh(() => {
    void data.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const rounds = data.data?.items ?? [];
  const delivering = data.data?.delivering ?? [];

  return (
    <PageShell className="projects" testId="page-board-projects" requireIdentity={false}>
      <ErrorLine message={data.error} onRetry={() => void data.reload()} />
      {data.loading && !data.data ? <Loading /> : null}
      {data.data && rounds.length === 0 ? <EmptyState title="还没有民生微实事投票" /> : null}
      {delivering.length > 0 ? (
        <>
          <SectionTitle>项目进度</SectionTitle>
          <View data-testid="projects-delivering">
            {delivering.map((p) => (
              <View key={p.id} className="card" data-testid="project-delivery">
                <View className="projects__head">{p.title}</View>
                <View className="projects__meta">
                  {p.communityName} · {p.roundTitle} · 预计 {yuan(p.cost)} · {p.provider}
                </View>
                <Steps project={p} />
              </View>
            ))}
          </View>
        </>
      ) : null}
      {rounds.length > 0 ? <SectionTitle>投票结果</SectionTitle> : null}
      {rounds.map((r) => (
        <Round key={r.id} round={r} />
      ))}
    </PageShell>
  );
}

function Round({ round }: { round: RoundView }) {
  const most = Math.max(1, ...round.projects.map((p) => p.votes));
  return (
    <View className="card" data-testid="projects-round" data-state={round.state}>
      <View className="projects__head">
        {round.title} <StaffTag tone={round.state === 'open' ? 'green' : 'grey'}>{round.stateName}</StaffTag>
      </View>
      <View className="projects__meta">
        {round.communityName} · {round.opensOn} 至 {round.closesOn} · 每人最多 {round.votesPerPerson} 票
      </View>
      <View className="projects__meta" data-testid="projects-voters">
        {round.voters} 人参与，共 {round.votes} 票{round.final ? '（最终结果）' : '（实时结果）'}
      </View>
      {round.projects.map((p) => (
        <View key={p.id} className="projects__project" data-testid="projects-project">
          <View className="projects__title">
            第{p.rank}名 {p.title}
          </View>
          <View className="projects__desc">{p.description}</View>
          <ProjectPhotos fileIds={p.photos} roundId={round.id} testId="project-candidate-photos" />
          <View className="projects__bar">
            <View className="projects__bar-fill" style={{ width: `${Math.round((p.votes / most) * 100)}%` }} />
          </View>
          <View className="projects__meta" data-testid="projects-votes">
            {p.votes} 票 · {round.voters > 0 ? `${formatRate(p.share)} 的投票居民选了它` : '暂无投票'} · 预计 {yuan(p.cost)}
            {p.stageName ? ` · ${p.stageName}` : ''}
          </View>
        </View>
      ))}
    </View>
  );
}

/** Each stage with its date, note and photos; once done, what was done beside what was promised. */
function Steps({ project }: { project: DeliveringProject }) {
  const done = project.delivery.find((d) => d.stage === 'done');
  return (
    <View>
      {project.delivery
        .filter((d) => d.stage !== 'done')
        .map((d) => (
          <View key={d.stage} className="projects__step" data-testid="project-step">
            <View className="projects__step-head">
              {d.stageName} · {d.on}
            </View>
            {d.note ? <View>{d.note}</View> : null}
            <ProjectPhotos fileIds={d.photos} roundId={project.roundId} testId={`project-photos-${d.stage}`} />
          </View>
        ))}
      {done ? (
        <View className="projects__compare" data-testid="project-compare">
          <View className="projects__side">
            <View className="projects__step-head">承诺</View>
            <View className="projects__desc">{project.description}</View>
            <View className="projects__meta">
              预计 {yuan(project.cost)} · {project.provider}
            </View>
            <ProjectPhotos fileIds={project.photos} roundId={project.roundId} max={1} testId="project-promise-photos" />
          </View>
          <View className="projects__side projects__side--done" data-testid="project-step">
            <View className="projects__step-head">
              {done.stageName} · {done.on}
            </View>
            {done.note ? <View className="projects__desc">{done.note}</View> : null}
            <ProjectPhotos fileIds={done.photos} roundId={project.roundId} max={2} testId="project-photos-done" />
          </View>
        </View>
      ) : null}
    </View>
  );
}

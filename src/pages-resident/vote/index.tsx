import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { errorMessage } from '../../services/api-error';
import { microProjectsApi, type MyRound } from '../../services/micro-projects-api';
import { placeStore } from '../../state/place';
import { needsPersona, sessionStore } from '../../state/session';
import { useStore } from '../../state/use-store';
import { useRemote } from '../../utils/use-remote';
import { yuan } from '../../utils/micro-projects';
import './index.scss';

/**
 * 民生微实事投票: the rounds of the resident's community (by the grid chosen on 首页, or where they
 * reported from). While a round is open the resident ticks up to its votes per person and votes
 * once; afterwards they see the live (or final) results.
 */
export default function VotePage() {
  const session = useStore(sessionStore);
  const place = useStore(placeStore);
  const bound = { gridId: place.gridId, buildingId: place.buildingId };
  const rounds = useRemote(() => microProjectsApi.myRounds(bound), !needsPersona(session));
  const items = rounds.data?.items ?? [];

  return (
    <PageShell className="vote" testId="page-vote">
      <ErrorLine message={rounds.error} onRetry={() => void rounds.reload()} />
      {rounds.loading && !rounds.data ? <Loading /> : null}
      {rounds.data && items.length === 0 ? (
        <EmptyState title="您所在社区暂时没有投票">
          {place.gridId ? '社区发布民生微实事投票后会显示在这里' : '请先在首页选择您住的社区和网格'}
        </EmptyState>
      ) : null}
      {items.map((r) => (
        <RoundCard key={r.id} round={r} onVoted={() => void rounds.reload()} bound={bound} />
      ))}
    </PageShell>
  );
}

function RoundCard({ round, bound, onVoted }: { round: MyRound; bound: { gridId?: string; buildingId?: string }; onVoted: () => void }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const voting = round.canVote;
  const mine = new Set(round.myBallot?.projectIds ?? []);

  const toggle = (id: string) => {
    setError(undefined);
    if (chosen.includes(id)) return setChosen(chosen.filter((x) => x !== id));
    if (chosen.length >= round.votesPerPerson) return setError(`每人最多投 ${round.votesPerPerson} 票`);
    setChosen([...chosen, id]);
  };

  const submit = async () => {
    if (busy) return;
    if (chosen.length === 0) return setError('请至少选择 1 个项目');
    setBusy(true);
    setError(undefined);
    try {
      await microProjectsApi.vote(round.id, chosen, bound);
      Taro.showToast({ title: '投票成功，谢谢参与', icon: 'none' });
      onVoted();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const most = Math.max(1, ...round.projects.map((p) => p.votes));
  return (
    <View className="card" data-testid="vote-round" data-state={round.state}>
      <View className="vote__head">{round.title}</View>
      <View className="vote__meta">
        {round.communityName} · {round.opensOn} 至 {round.closesOn} · {round.stateName}
      </View>
      <View className="vote__meta" data-testid="vote-summary">
        {voting
          ? `请选择您最需要的项目，每人最多 ${round.votesPerPerson} 票，投后不能更改`
          : `已有 ${round.voters} 人参与，共 ${round.votes} 票${round.final ? '（最终结果）' : '（实时结果）'}`}
      </View>
      {round.myBallot ? <View className="vote__meta">您已投票，感谢参与</View> : null}
      <SectionTitle>候选项目</SectionTitle>
      {round.projects.map((p) => {
        const on = voting ? chosen.includes(p.id) : mine.has(p.id);
        return (
          <View
            key={p.id}
            className="vote__project"
            onClick={voting ? () => toggle(p.id) : undefined}
            data-testid="vote-project"
            data-on={on ? '1' : '0'}
          >
            {voting || on ? <Text className={`vote__check ${on ? 'vote__check--on' : ''}`}>{on ? '✓' : ''}</Text> : null}
            <View className="vote__body">
              <View className="vote__title">{p.title}</View>
              <View className="vote__desc">{p.description}</View>
              <View className="vote__votes">
                预计 {yuan(p.cost)} · {p.provider}
              </View>
              {voting ? null : (
                <>
                  <View className="vote__bar">
                    <View className="vote__bar-fill" style={{ width: `${Math.round((p.votes / most) * 100)}%` }} />
                  </View>
                  <View className="vote__votes" data-testid="vote-count">
                    {p.votes} 票{p.stageName ? ` · ${p.stageName}` : ''}
                  </View>
                </>
              )}
            </View>
          </View>
        );
      })}
      <ErrorLine message={error} testId="vote-error" />
      {voting ? (
        <BigButton onClick={() => void submit()} disabled={busy} testId="vote-submit">
          {busy ? '正在提交…' : `投票（已选 ${chosen.length}/${round.votesPerPerson}）`}
        </BigButton>
      ) : null}
    </View>
  );
}

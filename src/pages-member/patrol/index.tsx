import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Switch, Text, View } from '@tarojs/components';
import { LabelledTextarea } from '../../components/labelled-field';
import { BigButton } from '../../components/big-button';
import { ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { StaffPhotoPicker } from '../../components/staff-photos';
import { StaffChips, StaffNote } from '../../components/staff-ui';
import { SubmitButton } from '../../components/submit-button';
import { useSubmit } from '../../hooks/use-submit';
import { memberApi, type Severity } from '../../services/member-api';
import { categoryRoleName } from '../../utils/roles';
import { newRequestId, textProblem } from '../../utils/staff-form';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import { useRemote } from '../../utils/use-remote';
import './index.scss';
import { useSignedIn } from '../../state/staff-profile';
import { COLORS } from '../../styles/colors';
import { asCheckbox } from '../../utils/a11y';

const SEVERITIES: ReadonlyArray<{ value: Severity; label: string }> = [
  { value: 'simple', label: '一般' },
  { value: 'complex', label: '复杂' },
  { value: 'major', label: '重大' },
];

interface Done {
  caseId: string;
  statusName: string;
  holder?: string;
}

/**
 * 巡查上报 (what a member finds on patrol becomes a case of their grid) and 当场办结 (a minor
 * incident closed there and then: one step, with a photo of the result).
 */
export default function PatrolPage() {
  const router = useRouter();
  const spot = router.params.mode === 'spot';
  const options = useRemote(() => memberApi.patrolOptions(), useSignedIn());
  const [buildingId, setBuildingId] = useState<string>();
  const [categoryId, setCategoryId] = useState<string>();
  const [description, setDescription] = useState('');
  const [result, setResult] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [severity, setSeverity] = useState<Severity>('simple');
  const [isPublic, setIsPublic] = useState(true);
  const [requestId, setRequestId] = useState(() => newRequestId());
  const sending = useSubmit();
  const [done, setDone] = useState<Done>();

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: spot ? '当场办结' : '巡查上报' }).catch(() => undefined);
  }, [spot]);

  const categories = options.data?.categories ?? [];
  const buildings = options.data?.buildings ?? [];
  const category = categories.find((c) => c.id === categoryId);

  const chooseCategory = (id: string) => {
    setCategoryId(id);
    setIsPublic(categories.find((c) => c.id === id)?.defaultPublic ?? true);
  };

  const submit = () => {
    const problem =
      (buildingId ? undefined : '请选择楼栋') ??
      (categoryId ? undefined : '请选择问题类别') ??
      textProblem(description, '问题描述', 500) ??
      (spot ? textProblem(result, '办理结果', 500) : undefined) ??
      (spot && photos.length === 0 ? '当场办结须拍一张办理后的照片' : undefined);
    // On failure everything stays; the next tap retries with the same requestId.
    const sent = async () => {
      if (spot) {
        const r = await memberApi.closeOnSpot({
          requestId,
          categoryId: categoryId!,
          buildingId: buildingId!,
          description: description.trim(),
          result: result.trim(),
          photos,
          isPublic,
        });
        setDone({ caseId: r.caseId, statusName: r.statusName });
      } else {
        const r = await memberApi.reportPatrolCase({
          requestId,
          categoryId: categoryId!,
          buildingId: buildingId!,
          description: description.trim(),
          isPublic,
          severity,
          ...(photos.length ? { photos } : {}),
        });
        setDone({ caseId: r.caseId, statusName: r.statusName, holder: r.holder ? `${r.holder.roleName} ${r.holder.name}` : undefined });
      }
    };
    return sending.run(sent, { problem });
  };

  const another = () => {
    setDone(undefined);
    setDescription('');
    setResult('');
    setPhotos([]);
    setRequestId(newRequestId());
  };

  if (done) {
    return (
      <PageShell className="patrol" testId="page-patrol">
        <View className="patrol__done" data-testid="patrol-done">
          <View className="patrol__mark">✓</View>
          <View className="patrol__title">{spot ? '已当场办结' : '已上报'}</View>
          <View className="card">
            <View data-testid="patrol-done-status">{done.statusName}</View>
            {done.holder ? <View>交给：{done.holder}</View> : null}
            <View className="patrol__id">编号 {done.caseId}</View>
          </View>
          <BigButton onClick={() => void Taro.redirectTo({ url: STAFF_ROUTES.task(done.caseId) })} testId="patrol-open">
            查看这件
          </BigButton>
          <BigButton kind="secondary" onClick={another} testId="patrol-another">
            再报一件
          </BigButton>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell className="patrol" testId="page-patrol">
      <ErrorLine message={options.error} onRetry={() => void options.reload()} />
      {options.loading && !options.data ? <Loading /> : null}
      {options.data ? (
        <View>
          <StaffNote>
            {spot
              ? '小问题现场处理好了，拍一张照片即可办结并记入台账。'
              : '巡查发现的问题会记为本网格的诉求，按类别派给小组成员，由您核查结果。'}
          </StaffNote>
          <SectionTitle>① 在哪一栋</SectionTitle>
          <StaffChips
            options={buildings.map((b) => ({ value: b.id, label: b.name }))}
            value={buildingId}
            onChange={setBuildingId}
            testId="patrol-building"
            label="在哪一栋"
          />
          <SectionTitle>② 什么问题</SectionTitle>
          <StaffChips
            options={categories.map((c) => ({ value: c.id, label: c.name }))}
            value={categoryId}
            onChange={chooseCategory}
            testId="patrol-category"
            label="什么问题"
          />
          {category && !spot ? (
            <View className="patrol__route">将交给本网格的 {categoryRoleName(category, options.data.communityId)}</View>
          ) : null}
          <SectionTitle>③ 情况</SectionTitle>
          <LabelledTextarea
            label="看到的情况"
            required
            value={description}
            maxlength={500}
            counter
            placeholder="看到了什么，在哪个位置。"
            onChange={setDescription}
            testId="patrol-description"
          />
          {spot ? (
            <View>
              <SectionTitle>④ 怎么处理的</SectionTitle>
              <LabelledTextarea
                label="处理结果"
                required
                value={result}
                maxlength={500}
                placeholder="例如：已当场清理，现场恢复整洁。"
                onChange={setResult}
                testId="patrol-result"
              />
            </View>
          ) : (
            <View>
              <SectionTitle>④ 等级</SectionTitle>
              <StaffChips options={SEVERITIES} value={severity} onChange={setSeverity} testId="patrol-severity" label="等级" />
            </View>
          )}
          <SectionTitle>{spot ? '⑤ 办理后照片（必拍）' : '⑤ 现场照片（选填）'}</SectionTitle>
          <StaffPhotoPicker value={photos} onChange={setPhotos} testId="patrol-photos" />
          {/* The whole row toggles; the switch only shows the state. */}
          <View
            className="card patrol__public"
            onClick={() => setIsPublic(!isPublic)}
            data-testid="patrol-public-row"
            {...asCheckbox(isPublic, '公开到公示栏')}
          >
            <Text>{isPublic ? '公开到公示栏' : '不公开'}</Text>
            <Switch className="patrol__switch" checked={isPublic} color={COLORS.primary} data-testid="patrol-public" />
          </View>
          <SubmitButton
            submit={sending}
            onClick={() => void submit()}
            busyText="正在提交…"
            testId="patrol-submit"
            errorTestId="patrol-error"
          >
            {spot ? '当场办结' : '上报'}
          </SubmitButton>
        </View>
      ) : null}
    </PageShell>
  );
}

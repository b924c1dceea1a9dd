import { useEffect, useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Switch, Text, View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { LabelledInput, LabelledTextarea } from '../../components/labelled-field';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { PhoneLink, StaffChips, StaffNote, StaffRow } from '../../components/staff-ui';
import { SubmitButton } from '../../components/submit-button';
import { useSubmit } from '../../hooks/use-submit';
import { adminApi } from '../../services/admin-api';
import { call } from '../../services/call';
import {
  intakeApi,
  PROXY_CHANNEL_OPTIONS,
  RATING_OPTIONS,
  type PhoneVisitLine,
  type ProxyChannel,
  type ProxyResult,
  type Rating,
} from '../../services/intake-api';
import { useSignedIn, useStaffProfile } from '../../state/staff-profile';
import { accessOf } from '../../utils/staff-access';
import { isPhone, newRequestId, textProblem } from '../../utils/staff-form';
import { STAFF_ROUTES } from '../../utils/staff-routes';
import { useRemote } from '../../utils/use-remote';
import './index.scss';

/**
 * 代登记 (`?mode=file`): a member or admin files for a resident who phoned, walked in, spoke at a
 * 院坝会, wrote to the 意见箱 or came as a 12345 工单. 电话回访 (`?mode=callback`): who to call back,
 * and the result of the call as the case's rating.
 */
export default function IntakePage() {
  const callback = useRouter().params.mode === 'callback';
  const { profile } = useStaffProfile();
  const access = accessOf(profile);
  // Both reach the same `intake` function; the view differs (an admin's communities, a member's grids).
  const view = access.communityAdmin || access.streetAdmin ? 'admin' : 'member';
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: callback ? '电话回访' : '代登记' }).catch(() => undefined);
  }, [callback]);
  return (
    <PageShell className="intake" testId={callback ? 'page-callback' : 'page-intake'}>
      {profile ? callback ? <CallbackList /> : <ProxyForm view={view} /> : <Loading />}
    </PageShell>
  );
}

function ProxyForm({ view }: { view: 'admin' | 'member' }) {
  const signedIn = useSignedIn();
  const { profile } = useStaffProfile();
  const options = useRemote(async () => {
    const [places, categories, dash] = await Promise.all([
      call('resident', 'listPlaces'),
      call('resident', 'listCategories'),
      view === 'admin' ? adminApi.dashboard() : Promise.resolve(undefined),
    ]);
    return { places, categories: categories.items, communityId: dash?.scope.communityId };
  }, signedIn);
  const [channel, setChannel] = useState<ProxyChannel>('phone');
  const [ticketNo, setTicketNo] = useState('');
  const [contactName, setContactName] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [gridId, setGridId] = useState<string>();
  const [buildingId, setBuildingId] = useState<string>();
  const [categoryId, setCategoryId] = useState<string>();
  const [description, setDescription] = useState('');
  const [isPublic, setIsPublic] = useState(false);
  const [requestId, setRequestId] = useState(() => newRequestId());
  const sending = useSubmit();
  const [done, setDone] = useState<ProxyResult>();

  // The grids the caller may file in: a member's community, an admin's community (the street: all).
  const grids = useMemo(() => {
    const d = options.data;
    if (!d) return [];
    const mine = new Set(profile?.memberships.map((m) => m.gridId) ?? []);
    const communities = d.places.communities.filter((c) =>
      view === 'member' ? c.grids.some((g) => mine.has(g.id)) : !d.communityId || c.id === d.communityId,
    );
    return communities.flatMap((c) => c.grids.map((g) => ({ ...g, label: communities.length > 1 ? `${c.name} ${g.name}` : g.name })));
  }, [options.data, profile, view]);
  const buildings = grids.find((g) => g.id === gridId)?.buildings ?? [];
  const categories = options.data?.categories ?? [];

  const submit = () => {
    const phone = contactPhone.trim();
    const problem =
      (channel === 'hotline' && !ticketNo.trim() ? '请填写12345工单号' : undefined) ??
      textProblem(contactName, '群众姓名', 20) ??
      (channel !== 'mailbox' && !phone ? '请填写群众联系电话，以便电话回访' : undefined) ??
      (phone && !isPhone(phone) ? '联系电话格式不正确' : undefined) ??
      (gridId ? undefined : '请选择网格') ??
      (categoryId ? undefined : '请选择问题类别') ??
      textProblem(description, '诉求内容', 500);
    // On failure everything stays; the next tap retries with the same requestId.
    return sending.run(
      () =>
        intakeApi.fileForResident({
          requestId,
          channel,
          ...(channel === 'hotline' ? { ticketNo: ticketNo.trim() } : {}),
          contactName: contactName.trim(),
          ...(phone ? { contactPhone: phone } : {}),
          categoryId: categoryId!,
          ...(buildingId ? { buildingId } : { gridId }),
          description: description.trim(),
          isPublic,
        }),
      { problem, done: setDone },
    );
  };

  const another = () => {
    setDone(undefined);
    setTicketNo('');
    setContactName('');
    setContactPhone('');
    setDescription('');
    setRequestId(newRequestId());
  };

  if (done) {
    const open = view === 'admin' ? STAFF_ROUTES.adminCase(done.caseId) : STAFF_ROUTES.task(done.caseId);
    return (
      <View className="intake__done" data-testid="intake-done">
        <View className="intake__title">{done.replayed ? '该工单已登记过' : '已代登记'}</View>
        <View className="card">
          <StaffRow label="渠道">{done.channelName}</StaffRow>
          <StaffRow label="状态" testId="intake-done-status">
            {done.statusName}
          </StaffRow>
          {done.holder ? <StaffRow label="交给">{`${done.holder.roleName} ${done.holder.name}`}</StaffRow> : null}
          {/* The number to read back to the caller (2612-0042), for when they phone again. */}
          <StaffRow label="编号" testId="intake-done-no">
            {done.caseNo}
          </StaffRow>
        </View>
        <BigButton onClick={() => void Taro.redirectTo({ url: open })} testId="intake-open">
          查看这件
        </BigButton>
        <BigButton kind="secondary" onClick={another} testId="intake-another">
          再登记一件
        </BigButton>
      </View>
    );
  }

  return (
    <View>
      <ErrorLine message={options.error} onRetry={() => void options.reload()} />
      {options.loading && !options.data ? <Loading /> : null}
      {options.data ? (
        <View>
          <StaffNote>
            群众打电话、上门、在院坝会上提出、写进意见箱或12345派单的诉求，在这里代为登记；群众姓名和电话只有办理人和管理员能看到。
          </StaffNote>
          <SectionTitle>① 受理渠道</SectionTitle>
          <StaffChips options={PROXY_CHANNEL_OPTIONS} value={channel} onChange={setChannel} testId="intake-channel" />
          {channel === 'hotline' ? (
            <View className="card">
              <LabelledInput
                label="12345工单号"
                required
                value={ticketNo}
                maxlength={40}
                placeholder="例如：GD20261207-0001"
                onChange={setTicketNo}
                testId="intake-ticket"
              />
            </View>
          ) : null}
          <SectionTitle>② 群众</SectionTitle>
          <View className="card">
            <LabelledInput
              label="姓名"
              required
              value={contactName}
              maxlength={20}
              placeholder="例如：周大爷"
              onChange={setContactName}
              testId="intake-name"
            />
            <LabelledInput
              label={channel === 'mailbox' ? '联系电话（选填）' : '联系电话'}
              required={channel !== 'mailbox'}
              type="number"
              value={contactPhone}
              maxlength={13}
              placeholder="用于电话回访"
              onChange={setContactPhone}
              testId="intake-phone"
            />
          </View>
          <SectionTitle>③ 在哪里</SectionTitle>
          <StaffChips
            options={grids.map((g) => ({ value: g.id, label: g.label }))}
            value={gridId}
            onChange={(id) => {
              setGridId(id);
              setBuildingId(undefined);
            }}
            testId="intake-grid"
          />
          {buildings.length ? (
            <StaffChips
              options={buildings.map((b) => ({ value: b.id, label: b.name }))}
              value={buildingId}
              onChange={setBuildingId}
              testId="intake-building"
            />
          ) : null}
          <SectionTitle>④ 什么问题</SectionTitle>
          <StaffChips
            options={categories.map((c) => ({ value: c.id, label: c.name }))}
            value={categoryId}
            onChange={(id) => {
              setCategoryId(id);
              setIsPublic(categories.find((c) => c.id === id)?.defaultPublic ?? false);
            }}
            testId="intake-category"
          />
          <LabelledTextarea
            label="诉求内容"
            required
            value={description}
            maxlength={500}
            counter
            placeholder="群众反映的情况、地址和诉求。"
            onChange={setDescription}
            testId="intake-description"
          />
          {/* The whole row toggles; the switch only shows the state. */}
          <View className="card intake__public" onClick={() => setIsPublic(!isPublic)} data-testid="intake-public-row">
            <Text>{isPublic ? '群众同意公开到公示栏' : '不公开'}</Text>
            <Switch className="intake__switch" checked={isPublic} data-testid="intake-public" />
          </View>
          <SubmitButton
            submit={sending}
            onClick={() => void submit()}
            busyText="正在登记…"
            testId="intake-submit"
            errorTestId="intake-error"
          >
            代登记
          </SubmitButton>
        </View>
      ) : null}
    </View>
  );
}

function CallbackList() {
  const queue = useRemote(() => intakeApi.phoneVisitQueue(), useSignedIn());
  const [open, setOpen] = useState<string>();
  const [rating, setRating] = useState<Rating>();
  const [note, setNote] = useState('');
  const saving = useSubmit();
  const [saved, setSaved] = useState<string>();

  const choose = (line: PhoneVisitLine) => {
    setOpen(open === line.id ? undefined : line.id);
    setRating(undefined);
    setNote('');
    saving.fail();
  };

  const save = (caseId: string) => {
    const problem =
      (rating ? undefined : '请选择群众的评价') ??
      (rating === 'unsatisfied' ? textProblem(note, '不满意的原因', 500) : note.trim() ? textProblem(note, '回访情况', 500) : undefined);
    return saving.run(
      async () => {
        const r = await intakeApi.phoneVisit(caseId, rating!, note.trim() || undefined);
        setSaved(`已记录电话回访：${r.ratingName}，诉求${r.statusName}`);
        setOpen(undefined);
        await queue.reload();
      },
      { problem },
    );
  };

  const items = queue.data?.items ?? [];
  return (
    <View>
      <ErrorLine message={queue.error} onRetry={() => void queue.reload()} />
      {saved ? (
        <StaffNote tone="green" testId="callback-saved">
          {saved}
        </StaffNote>
      ) : null}
      <StaffNote>代登记的诉求办结后，以及居民逾期未评价的诉求，请电话回访群众，记录评价；不满意的将回炉整改。</StaffNote>
      {queue.loading && !queue.data ? <Loading /> : null}
      {queue.data && items.length === 0 ? <EmptyState title="暂无需要回访的诉求" /> : null}
      {items.map((line) => (
        <View key={line.id} className="card intake__line" data-testid={`callback-${line.id}`}>
          <View className="intake__line-head" onClick={() => choose(line)} data-testid={`callback-open-${line.id}`}>
            <Text className="intake__line-title">{`${line.categoryName} · ${line.placeName}`}</Text>
            <Text className="intake__muted">{`${line.channelName}${line.ticketNo ? ` ${line.ticketNo}` : ''}${line.unrated ? ' · 逾期未评价' : ''}`}</Text>
          </View>
          <View className="intake__text">{line.description}</View>
          {line.result ? <View className="intake__text">办理结果：{line.result}</View> : null}
          {line.contactName ? <StaffRow label="群众">{line.contactName}</StaffRow> : null}
          {line.contactPhone ? (
            <StaffRow label="电话">
              <PhoneLink phone={line.contactPhone} testId={`callback-phone-${line.id}`} />
            </StaffRow>
          ) : null}
          {open === line.id ? (
            <View data-testid="callback-form">
              <StaffChips options={RATING_OPTIONS} value={rating} onChange={setRating} testId="callback-rating" />
              <LabelledTextarea
                label={rating === 'unsatisfied' ? '不满意的原因' : '回访情况'}
                required={rating === 'unsatisfied'}
                value={note}
                maxlength={500}
                placeholder={rating === 'unsatisfied' ? '群众不满意的原因（必填）' : '回访情况（选填）'}
                onChange={setNote}
                testId="callback-note"
                instance={line.id}
              />
              <SubmitButton
                submit={saving}
                onClick={() => void save(line.id)}
                busyText="正在保存…"
                testId="callback-save"
                errorTestId="callback-error"
              >
                保存回访结果
              </SubmitButton>
            </View>
          ) : (
            <BigButton kind="secondary" onClick={() => choose(line)} testId={`callback-start-${line.id}`}>
              记录回访结果
            </BigButton>
          )}
        </View>
      ))}
    </View>
  );
}

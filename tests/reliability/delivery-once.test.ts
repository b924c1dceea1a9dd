/**
 * A subscribe message is sent at most once per notice, even when the dispatcher dies between the
 * send and recording it; WeChat's rules for keyword values are met, and a refusal of them (47003)
 * is final. Run on both store adapters, with a sender that applies WeChat's rules.
 */
import { dispatchOutbox, templateData, type TemplateConfig } from '../../backend/notify/dispatcher';
import { CloudStore } from '../../backend/store/cloud-store';
import { SqliteStore } from '../../backend/store/sqlite-store';
import type { OutboxItem, Store } from '../../backend/store/store.port';
import type { Notice } from '../../core/model';
import { FakeCloudDb } from '../support/fake-cloud-db';
import { FakeSubscribeSender, WECHAT_KEYWORD_RULES } from '../support/fake-subscribe-sender';
import { at, createChange, makeCase, makeNotice } from '../support/case-factory';

const TEMPLATES: TemplateConfig = {
  task_new: {
    templateId: 'tpl-task',
    fields: { thing1: 'title', thing2: 'body', character_string3: 'caseId', time4: 'time', phrase5: 'status', name6: 'body' },
  },
};

/** Dies (throws) on the first save that records a sent subscribe message: after the send, before its record. */
function dyingAfterSend(store: Store): { store: Store; deaths: () => number } {
  let deaths = 0;
  const view = new Proxy(store, {
    get(target, prop) {
      if (prop === 'saveOutbox')
        return async (item: OutboxItem) => {
          if (item.done.subscribe === 'sent' && deaths === 0) {
            deaths++;
            throw new Error('进程被终止');
          }
          return target.saveOutbox(item);
        };
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { store: view, deaths: () => deaths };
}

async function queued(store: Store, notices: (c: ReturnType<typeof makeCase>) => Notice[]): Promise<Notice[]> {
  const c = makeCase();
  const list = notices(c);
  const r = await store.commit(createChange(c, { notices: list }));
  if (!r.ok) throw new Error(r.error.message);
  return list;
}

const adapters: [string, () => Promise<Store>][] = [
  ['SQLite', async () => SqliteStore.open(':memory:')],
  ['cloud database', async () => new CloudStore(new FakeCloudDb())],
];

describe.each(adapters)('subscribe messages on %s', (_name, open) => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('sends at most once when the dispatcher dies between the send and recording it', async () => {
    const [n] = await queued(store, (c) => [makeNotice(c, 1, 'mem-1', 'task_new', at(0))]);
    await store.addSubscriptionQuota('mem-1', 'tpl-task', 5);
    const sender = new FakeSubscribeSender();
    const dying = dyingAfterSend(store);
    await expect(dispatchOutbox(dying.store, new Date(at(1)), sender, TEMPLATES)).rejects.toThrow('进程被终止');
    expect(dying.deaths()).toBe(1);
    expect(sender.delivered).toHaveLength(1);

    // While the lease runs nobody touches it; after it, the next runs find the claim unrecorded.
    expect((await dispatchOutbox(store, new Date(at(1.5)), sender, TEMPLATES)).claimed).toBe(0);
    for (const minute of [3, 10, 120]) await dispatchOutbox(store, new Date(at(minute)), sender, TEMPLATES);
    expect(sender.calls).toHaveLength(1);
    const [item] = await store.listOutbox();
    expect(item).toMatchObject({ status: 'failed', done: { inbox: true, subscribe: 'unknown' } });
    expect(item.sending).toBeUndefined();
    expect(item.lastError).toMatch(/结果未知/);
    // The message centre has it once; the quota was spent once.
    expect((await store.listInbox('mem-1', 10)).map((m) => m.id)).toEqual([n.key]);
    let left = 0;
    while (await store.takeSubscriptionQuota('mem-1', 'tpl-task')) left++;
    expect(left).toBe(4);
  });

  it('fits every value to its keyword type, so WeChat accepts even a long note with line breaks', async () => {
    await queued(store, (c) => [
      {
        ...makeNotice(c, 1, 'mem-1', 'task_new', at(0)),
        title: '新任务：\n楼道灯坏了\t请尽快处理（3号楼2单元）',
        body: '居民留言：\r\n晚上楼道太黑，老人上下楼不方便，已经摔倒过一次了\u0000',
        caseId: `${c.id}`,
        caseStatus: 'assigned',
      },
    ]);
    await store.addSubscriptionQuota('mem-1', 'tpl-task', 1);
    const sender = new FakeSubscribeSender();
    const report = await dispatchOutbox(store, new Date(at(1)), sender, TEMPLATES);
    expect(report).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    expect(sender.calls.map((c) => c.outcome)).toEqual([{ ok: true }]);
    const data = sender.delivered[0].data;
    expect(data.phrase5.value).toBe('待受理');
    expect(data.time4.value).toBe('2026年3月2日 10:00');
    expect(Array.from(data.thing2.value)).toHaveLength(20);
    expect(data.thing1.value).not.toMatch(/[\n\t]/);
  });

  it('takes 47003 as final: recorded once, not retried, the grant given back', async () => {
    // A template whose keyword type our values can never meet.
    const bad: TemplateConfig = { task_new: { templateId: 'tpl-task', fields: { amount1: 'title' } } };
    await queued(store, (c) => [makeNotice(c, 1, 'mem-1', 'task_new', at(0))]);
    await store.addSubscriptionQuota('mem-1', 'tpl-task', 1);
    const sender = new FakeSubscribeSender();
    const first = await dispatchOutbox(store, new Date(at(1)), sender, bad);
    expect(first).toMatchObject({ claimed: 1, failed: 1, retried: 0 });
    for (const minute of [100, 1000, 10_000]) expect((await dispatchOutbox(store, new Date(at(minute)), sender, bad)).claimed).toBe(0);
    expect(sender.calls).toHaveLength(1);
    const [item] = await store.listOutbox();
    expect(item).toMatchObject({ status: 'failed', attempts: 1, done: { inbox: true, subscribe: 'undeliverable' } });
    expect(item.lastError).toMatch(/^47003 订阅消息参数不合规/);
    expect(await store.takeSubscriptionQuota('mem-1', 'tpl-task')).toBe(true);
  });
});

describe('the double sender applies WeChat’s keyword rules', () => {
  it('refuses what WeChat refuses', async () => {
    const sender = new FakeSubscribeSender();
    const send = (data: Record<string, string>) =>
      sender.send({
        touser: 'u',
        templateId: 't',
        page: 'p',
        data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v }])),
      });
    for (const bad of <Record<string, string>[]>[
      { thing1: '一二三四五六七八九十一二三四五六七八九十一' },
      { thing1: '第一行\n第二行' },
      { thing1: '' },
      { phrase1: '新任务待处理了' },
      { phrase1: 'new' },
      { name1: '一二三四五六七八九十一' },
      { character_string1: 'x'.repeat(33) },
      { character_string1: '编号1' },
      { time1: '2026-03-02 10:00' },
      { unknown1: 'x' },
    ])
      expect([bad, (await send(bad)).ok]).toEqual([bad, false]);
    for (const good of <Record<string, string>[]>[
      { thing1: '一二三四五六七八九十一二三四五六七八九十' },
      { phrase1: '待受理' },
      { name1: '王小明' },
      { character_string1: 'C20260302100000ABC123' },
      { time1: '2026年3月2日 10:00' },
      { date1: '2026年3月2日' },
    ])
      expect([good, (await send(good)).ok]).toEqual([good, true]);
    expect(sender.calls.filter((c) => !c.outcome.ok).every((c) => !c.outcome.ok && c.outcome.errCode === 47003)).toBe(true);
  });

  it('accepts every value templateData makes from any field, whatever the text', () => {
    const n: Notice = {
      ...makeNotice(makeCase(), 1, 'mem-1'),
      title: '\u0007',
      body: `${'很长的说明'.repeat(20)}\n\n第二段`,
      caseStatus: 'rejected',
    };
    const fields = ['title', 'body', 'caseId', 'time', 'status'] as const;
    for (const type of ['thing', 'phrase', 'name', 'character_string', 'time', 'date', 'number', 'letter'])
      for (const f of fields) {
        const data = templateData({ templateId: 't', fields: { [`${type}7`]: f } }, n);
        const value = data[`${type}7`].value;
        expect([type, f, value, WECHAT_KEYWORD_RULES[type](value)]).toEqual([type, f, value, true]);
      }
  });
});

/**
 * The weapp side of the new-task subscription: the ids come from the street's configuration, the
 * ask goes to WeChat inside the tap (at most three templates), what was accepted is recorded, and
 * the page moves on only from the request's `complete`, once the dialog was answered.
 */
const requestSubscribeMessage = jest.fn();
const callFunction = jest.fn();
const subscribeTemplates = jest.fn();

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { requestSubscribeMessage: (o: unknown) => requestSubscribeMessage(o) } }));
jest.mock('../services/cloud', () => ({ callFunction: (...a: unknown[]) => callFunction(...a) }));
jest.mock('../services/member-api', () => ({ memberApi: { subscribeTemplates: () => subscribeTemplates() } }));

type Module = typeof import('./staff-subscribe.weapp');
const load = (): Module => {
  let m: Module | undefined;
  jest.isolateModules(() => {
    m = jest.requireActual<Module>('./staff-subscribe.weapp');
  });
  return m!;
};
const flush = () => new Promise((r) => setTimeout(r, 0));

type AskOptions = { tmplIds: string[]; success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: () => void };
/** WeChat answers later, through the callbacks (and the promise Taro returns). */
const answers = (outcome: { ok: Record<string, string> } | { fail: unknown }) =>
  requestSubscribeMessage.mockImplementation((o: AskOptions) => {
    setTimeout(() => {
      if ('ok' in outcome) o.success?.({ errMsg: 'requestSubscribeMessage:ok', ...outcome.ok });
      else o.fail?.(outcome.fail);
      o.complete?.();
    }, 0);
    return 'ok' in outcome ? Promise.resolve(outcome.ok) : Promise.reject(outcome.fail);
  });

beforeEach(() => {
  jest.clearAllMocks();
  callFunction.mockResolvedValue({});
});

test('asks for at most three configured templates and records what was accepted', async () => {
  subscribeTemplates.mockResolvedValue({ templateIds: ['T1', 'T2', 'T3', 'T4'] });
  answers({ ok: { T1: 'accept', T2: 'reject', T3: 'ban' } });
  const m = load();
  await m.prefetchTaskTemplates();
  m.requestTaskSubscription();
  await flush();
  expect(requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['T1', 'T2', 'T3'] }));
  expect(callFunction).toHaveBeenCalledWith('resident', {
    action: 'recordSubscriptions',
    results: { T1: 'accept', T2: 'reject', T3: 'ban' },
  });
});

test('nothing configured: no dialog, nothing recorded', async () => {
  subscribeTemplates.mockResolvedValue({ templateIds: [] });
  const m = load();
  await m.prefetchTaskTemplates();
  m.requestTaskSubscription();
  await flush();
  expect(requestSubscribeMessage).not.toHaveBeenCalled();
  expect(callFunction).not.toHaveBeenCalled();
});

test('the ids could not be fetched: the tap asks nothing and does not throw', async () => {
  subscribeTemplates.mockRejectedValue(new Error('offline'));
  const m = load();
  await expect(m.prefetchTaskTemplates()).resolves.toBeUndefined();
  expect(() => m.requestTaskSubscription()).not.toThrow();
  expect(requestSubscribeMessage).not.toHaveBeenCalled();
});

test('the person closes the dialog: nothing recorded, no error escapes', async () => {
  subscribeTemplates.mockResolvedValue({ templateIds: ['T1'] });
  answers({ fail: { errMsg: 'requestSubscribeMessage:fail cancel' } });
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const m = load();
  await m.prefetchTaskTemplates();
  m.requestTaskSubscription();
  await flush();
  expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
  expect(callFunction).not.toHaveBeenCalled();
  expect(warn).toHaveBeenCalled();
  warn.mockRestore();
});

test('the page moves on from complete, after the dialog is answered, not in the same tick', async () => {
  subscribeTemplates.mockResolvedValue({ templateIds: ['T1'] });
  answers({ ok: { T1: 'accept' } });
  const m = load();
  await m.prefetchTaskTemplates();
  const go = jest.fn();
  m.requestTaskSubscription(go);
  expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
  expect(go).not.toHaveBeenCalled();
  await flush();
  expect(go).toHaveBeenCalledTimes(1);
});

test('a refused dialog still moves on, once', async () => {
  subscribeTemplates.mockResolvedValue({ templateIds: ['T1'] });
  answers({ fail: { errMsg: 'requestSubscribeMessage:fail cancel' } });
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const m = load();
  await m.prefetchTaskTemplates();
  const go = jest.fn();
  m.requestTaskSubscription(go);
  await flush();
  expect(go).toHaveBeenCalledTimes(1);
});

test('nothing to ask: moves on at once, no dialog', async () => {
  subscribeTemplates.mockResolvedValue({ templateIds: [] });
  const m = load();
  await m.prefetchTaskTemplates();
  const go = jest.fn();
  m.requestTaskSubscription(go);
  expect(go).toHaveBeenCalledTimes(1);
  expect(requestSubscribeMessage).not.toHaveBeenCalled();
});

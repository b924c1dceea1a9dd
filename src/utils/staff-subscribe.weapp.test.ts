/**
 * The weapp side of the new-task subscription: the ids come from the street's configuration, the
 * ask goes to WeChat inside the tap (at most three templates), and what was accepted is recorded.
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

beforeEach(() => {
  jest.clearAllMocks();
  callFunction.mockResolvedValue({});
});

test('asks for at most three configured templates and records what was accepted', async () => {
  subscribeTemplates.mockResolvedValue({ templateIds: ['T1', 'T2', 'T3', 'T4'] });
  requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', T1: 'accept', T2: 'reject', T3: 'ban' });
  const m = load();
  await m.prefetchTaskTemplates();
  m.requestTaskSubscription();
  await flush();
  expect(requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['T1', 'T2', 'T3'] });
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
  requestSubscribeMessage.mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail cancel' });
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

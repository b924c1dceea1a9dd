/**
 * The report's submit tap asks for subscriptions inside the tap, so it may only be enabled once
 * the template ids are known; with none, nothing is asked.
 */
import Taro from '@tarojs/taro';
import { askSubscriptions, subscribeReady } from './subscribe';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { requestSubscribeMessage: jest.fn() } }));

test('微信里模板 ID 到达之前不能点（点了就会申请空列表）', () => {
  expect(subscribeReady(true, undefined)).toBe(false);
  expect(subscribeReady(true, [])).toBe(true);
  expect(subscribeReady(true, ['T1'])).toBe(true);
  expect(subscribeReady(false, undefined)).toBe(true);
});

test('没有模板时不弹窗；有模板时至多申请三个', async () => {
  const was = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
  try {
    await expect(askSubscriptions([])).resolves.toBeUndefined();
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled();
    const ask = Taro.requestSubscribeMessage as unknown as jest.Mock;
    ask.mockImplementation((o: { success: (r: unknown) => void }) => o.success({ T1: 'accept' }));
    await expect(askSubscriptions(['T1', 'T2', 'T3', 'T4'])).resolves.toEqual({ T1: 'accept' });
    expect(ask.mock.calls[0]![0]).toMatchObject({ tmplIds: ['T1', 'T2', 'T3'] });
  } finally {
    process.env.TARO_ENV = was;
  }
});

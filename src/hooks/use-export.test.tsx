/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { probeHook } from '../../tests/support/hook-probe';
import { ApiError } from '../services/api-error';
import { openExport } from '../utils/staff-export';
import { useExport } from './use-export';

jest.mock('../utils/staff-export', () => ({ openExport: jest.fn(() => Promise.resolve()) }));

let probe: ReturnType<typeof probeHook<ReturnType<typeof useExport>>>;
const latest = () => probe.latest();

beforeEach(() => {
  jest.mocked(openExport).mockClear();
  probe = probeHook(useExport);
});
afterEach(() => probe.unmount());

const file = { fileName: '渝园社区_院坝会台账_2026年12月.xlsx', url: '/files/x', rowCount: 3 };

describe('useExport', () => {
  it('says what was exported and opens the file once', async () => {
    await act(async () => {
      await latest().run(
        () => Promise.resolve(file),
        (r) => `已导出 ${r.rowCount} 场会议：${r.fileName}`,
      );
    });
    expect(latest().note).toBe('已导出 3 场会议：渝园社区_院坝会台账_2026年12月.xlsx');
    expect(openExport).toHaveBeenCalledTimes(1);
    expect(openExport).toHaveBeenCalledWith(file);
    expect(latest().error).toBeUndefined();
  });

  it('clears the last note when the next export fails, and shows its Chinese error', async () => {
    await act(async () => {
      await latest().run(
        () => Promise.resolve(file),
        () => '已导出',
      );
    });
    await act(async () => {
      await latest().run(
        () => Promise.reject(new ApiError('AUTH.FORBIDDEN', '无权导出')),
        () => '已导出',
      );
    });
    expect(latest().note).toBeUndefined();
    expect(latest().error).toBe('无权导出');
    expect(openExport).toHaveBeenCalledTimes(1);
  });
});

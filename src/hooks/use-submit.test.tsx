/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { probeHook } from '../../tests/support/hook-probe';
import { ApiError } from '../services/api-error';
import { useSubmit, type Submit } from './use-submit';

/** A call the test settles by hand: nothing here waits on a clock. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

let probe: ReturnType<typeof probeHook<Submit>>;
const latest = () => probe.latest();

beforeEach(() => {
  probe = probeHook(useSubmit);
});
afterEach(() => probe.unmount());

describe('useSubmit', () => {
  it('is idle with no error at first', () => {
    expect(latest().busy).toBe(false);
    expect(latest().error).toBeUndefined();
  });

  it('runs the call once, marks busy while it runs, and calls done once with its answer', async () => {
    const call = deferred<number>();
    const work = jest.fn(() => call.promise);
    const done = jest.fn();
    let result!: Promise<boolean>;
    act(() => {
      result = latest().run(work, { done });
    });
    expect(latest().busy).toBe(true);
    expect(done).not.toHaveBeenCalled();
    await act(async () => {
      call.resolve(42);
      await result;
    });
    expect(await result).toBe(true);
    expect(work).toHaveBeenCalledTimes(1);
    expect(done).toHaveBeenCalledTimes(1);
    expect(done).toHaveBeenCalledWith(42);
    expect(latest().busy).toBe(false);
    expect(latest().error).toBeUndefined();
  });

  it('ignores a second tap while the first call runs, also from the same render', async () => {
    const call = deferred<void>();
    const work = jest.fn(() => call.promise);
    const sameRender = latest();
    let first!: Promise<boolean>;
    let second!: Promise<boolean>;
    act(() => {
      first = sameRender.run(work);
      // The double tap: the same render's run, before React re-rendered with busy.
      second = sameRender.run(work);
    });
    let third!: Promise<boolean>;
    act(() => {
      third = latest().run(work);
    });
    expect(await second).toBe(false);
    expect(await third).toBe(false);
    expect(work).toHaveBeenCalledTimes(1);
    await act(async () => {
      call.resolve();
      await first;
    });
    expect(await first).toBe(true);
    // Once it finished, the next tap runs again.
    await act(async () => {
      await latest().run(work);
    });
    expect(work).toHaveBeenCalledTimes(2);
  });

  it("shows the error's Chinese message and clears it on the next try", async () => {
    await act(async () => {
      await latest().run(() => Promise.reject(new ApiError('CASE.NOT_FOUND', '诉求不存在')));
    });
    expect(latest().error).toBe('诉求不存在');
    expect(latest().busy).toBe(false);

    const call = deferred<void>();
    let retry!: Promise<boolean>;
    act(() => {
      retry = latest().run(() => call.promise);
    });
    expect(latest().error).toBeUndefined();
    await act(async () => {
      call.resolve();
      await retry;
    });
    expect(latest().error).toBeUndefined();
  });

  it('says a generic Chinese sentence for a thrown value that is not an ApiError', async () => {
    await act(async () => {
      await latest().run(() => Promise.reject(new Error('boom')));
    });
    expect(latest().error).toBe('出了点问题，请稍后重试');
  });

  it('keeps a failing done callback as the error', async () => {
    let ok = true;
    await act(async () => {
      ok = await latest().run(() => Promise.resolve(1), {
        done: () => {
          throw new ApiError('X.Y', '保存后刷新失败');
        },
      });
    });
    expect(ok).toBe(false);
    expect(latest().error).toBe('保存后刷新失败');
  });

  it("shows the page's own problem and sends nothing", async () => {
    const work = jest.fn(() => Promise.resolve());
    let ok = true;
    await act(async () => {
      ok = await latest().run(work, { problem: '请填写姓名' });
    });
    expect(ok).toBe(false);
    expect(work).not.toHaveBeenCalled();
    expect(latest().error).toBe('请填写姓名');
    expect(latest().busy).toBe(false);
    act(() => latest().fail());
    expect(latest().error).toBeUndefined();
    act(() => latest().fail('电话格式不正确'));
    expect(latest().error).toBe('电话格式不正确');
  });
});

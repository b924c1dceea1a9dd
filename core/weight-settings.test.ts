import {
  checkWeightSet,
  describeChange,
  MAX_WEIGHTS_HISTORY,
  weightShares,
  withChange,
  type WeightSet,
  type WeightsChange,
} from './weight-settings';

const SET: WeightSet = { weights: { response: 30, onTime: 35, satisfaction: 35 }, care: 10, periods: { monthly: 50, annual: 50 } };
const flat = { response: 30, onTime: 35, satisfaction: 35, care: 10, monthly: 50, annual: 50 };

describe('checkWeightSet', () => {
  test('whole numbers from 0 to 1000 make a set', () => {
    expect(checkWeightSet(flat)).toEqual({ ok: true, value: SET });
    expect(checkWeightSet({ ...flat, care: 0, annual: 0 }).ok).toBe(true);
  });
  test.each([
    [{ response: -1 }, '「响应率」不能为负数'],
    [{ onTime: 2.5 }, '「按时办结率」须为整数'],
    [{ satisfaction: Number.NaN }, '「满意率」须填写数字'],
    [{ care: '10' }, '「走访完成率」须填写数字'],
    [{ monthly: 1001 }, '「年度考核：月度成绩」不能超过1000'],
    [{ response: 0, onTime: 0, satisfaction: 0 }, '响应率、按时办结率、满意率的权重之和必须大于0'],
    [{ monthly: 0, annual: 0 }, '月度与全年成绩的权重之和必须大于0'],
  ])('refuses %j: %s', (change, message) => {
    const r = checkWeightSet({ ...flat, ...change });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INPUT.INVALID');
      expect(r.error.message).toContain(message);
    }
  });
  test('names every bad field at once', () => {
    const r = checkWeightSet({ ...flat, response: -1, care: 0.5 });
    expect(!r.ok && r.error.message).toBe('考核权重无效：「响应率」不能为负数；「走访完成率」须为整数');
  });
});

describe('the record of changes', () => {
  const change = (to: Partial<WeightSet>, at = '2026-11-23T02:00:00.000Z'): WeightsChange => ({
    at,
    by: { openid: 'o', name: '街道管理员' },
    from: SET,
    to: { ...SET, ...to },
  });
  test('says what changed, in order', () => {
    expect(describeChange(change({ care: 0, weights: { response: 30, onTime: 30, satisfaction: 40 } }))).toBe(
      '按时办结率 35→30；满意率 35→40；走访完成率 10→0',
    );
  });
  test('puts the newest first, skips a save that changes nothing, keeps the latest 100', () => {
    expect(withChange([], change({}))).toEqual([]);
    const one = withChange([], change({ care: 0 }, 'a'));
    const two = withChange(one, change({ care: 5 }, 'b'));
    expect(two.map((c) => c.at)).toEqual(['b', 'a']);
    let many: WeightsChange[] = [];
    for (let i = 0; i < MAX_WEIGHTS_HISTORY + 5; i++) many = withChange(many, change({ care: i + 11 }, String(i)));
    expect(many).toHaveLength(MAX_WEIGHTS_HISTORY);
    expect(many[0]!.at).toBe(String(MAX_WEIGHTS_HISTORY + 4));
  });
});

test('weightShares: each weight’s share of the four, one decimal; all 0 gives 0', () => {
  expect(weightShares(SET.weights, 10)).toEqual({ response: 27.3, onTime: 31.8, satisfaction: 31.8, care: 9.1 });
  expect(weightShares({ response: 1, onTime: 1, satisfaction: 2 }, 0)).toEqual({ response: 25, onTime: 25, satisfaction: 50, care: 0 });
  expect(weightShares({ response: 0, onTime: 0, satisfaction: 0 }, 0)).toEqual({ response: 0, onTime: 0, satisfaction: 0, care: 0 });
});

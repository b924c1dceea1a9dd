import { fromForm, toForm, type PolicyFields } from './policy-form';

const THREE_DAY: PolicyFields = {
  name: '三日办结',
  limits: {
    simple: { respond: { amount: 24, unit: 'hours' }, resolve: { amount: 3, unit: 'workdays' } },
    complex: { respond: { amount: 24, unit: 'hours' }, resolve: { amount: 5, unit: 'workdays' }, escalate: { amount: 24, unit: 'hours' } },
    major: { respond: { amount: 24, unit: 'hours' }, resolve: { amount: 5, unit: 'workdays' }, escalate: { amount: 24, unit: 'hours' } },
  },
  departmentReport: { amount: 24, unit: 'hours' },
  streetResolve: { amount: 5, unit: 'workdays' },
  ratingWindowDays: 7,
  reminderShare: 0.8,
  autoEscalateOnOverdue: true,
};

describe('the custom policy form', () => {
  test('a policy survives the round trip through the form unchanged', () => {
    expect(fromForm(toForm(THREE_DAY))).toEqual(THREE_DAY);
  });

  test('an edited amount and unit come back as numbers; the name is trimmed', () => {
    const f = toForm(THREE_DAY);
    f.name = '  汛期加急  ';
    f.limits.simple.resolve = { amount: ' 8 ', unit: 'hours' };
    f.ratingWindowDays = '3';
    const p = fromForm(f);
    expect(typeof p).toBe('object');
    expect(p).toMatchObject({ name: '汛期加急', ratingWindowDays: 3, limits: { simple: { resolve: { amount: 8, unit: 'hours' } } } });
  });

  test('leaving out the escalation limit leaves it out of the policy', () => {
    const f = toForm(THREE_DAY);
    delete f.limits.complex.escalate;
    const p = fromForm(f) as PolicyFields;
    expect(p.limits.complex).not.toHaveProperty('escalate');
    expect(p.limits.major.escalate).toEqual({ amount: 24, unit: 'hours' });
  });

  test.each([
    ['name', (f: ReturnType<typeof toForm>) => void (f.name = '  '), '请填写方案名称'],
    ['long name', (f: ReturnType<typeof toForm>) => void (f.name = '长'.repeat(31)), '方案名称最多30字'],
    ['empty amount', (f: ReturnType<typeof toForm>) => void (f.limits.complex.respond.amount = ''), '复杂问题的受理时限请填写大于0的整数'],
    ['zero', (f: ReturnType<typeof toForm>) => void (f.limits.major.resolve.amount = '0'), '重大问题的办结时限请填写大于0的整数'],
    ['fraction', (f: ReturnType<typeof toForm>) => void (f.departmentReport.amount = '1.5'), '部门报到时限请填写大于0的整数'],
    [
      'too long',
      (f: ReturnType<typeof toForm>) => void (f.streetResolve = { amount: '61', unit: 'workdays' }),
      '街道拿出方案的时限过长（最多30天或60个工作日）',
    ],
    [
      'escalation',
      (f: ReturnType<typeof toForm>) => void (f.limits.complex.escalate = { amount: '721', unit: 'hours' }),
      '复杂问题的上报街道时限过长（最多30天或60个工作日）',
    ],
    ['rating days', (f: ReturnType<typeof toForm>) => void (f.ratingWindowDays = '31'), '评价期请填写1到30天'],
    ['rating text', (f: ReturnType<typeof toForm>) => void (f.ratingWindowDays = '七'), '评价期请填写1到30天'],
  ])('%s: says what is wrong in Chinese', (_label, spoil, message) => {
    const f = toForm(THREE_DAY);
    spoil(f);
    expect(fromForm(f)).toBe(message);
  });

  test('the first problem in reading order is the one said', () => {
    const f = toForm(THREE_DAY);
    f.limits.simple.respond.amount = '';
    f.ratingWindowDays = '0';
    expect(fromForm(f)).toBe('一般问题的受理时限请填写大于0的整数');
  });

  test('60 working days and 720 hours are still allowed', () => {
    const f = toForm(THREE_DAY);
    f.streetResolve = { amount: '60', unit: 'workdays' };
    f.departmentReport = { amount: '720', unit: 'hours' };
    expect(fromForm(f)).toMatchObject({ streetResolve: { amount: 60 }, departmentReport: { amount: 720 } });
  });
});

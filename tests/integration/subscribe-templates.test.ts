/**
 * WeChat's requestSubscribeMessage refuses a list mixing one-time and long-term templates, so the
 * street admin cannot save such a configuration: refused with a Chinese message, nothing stored.
 */
import { subscribeTypeProblem } from '../../backend/notify/subscribe-types';
import { P, data, openAdminWorld, type AdminWorld } from '../support/admin-world';

let w: AdminWorld;
beforeAll(async () => {
  w = await openAdminWorld();
});
afterAll(async () => {
  await w.close();
});

const fields = { thing1: 'title', time2: 'time' };

describe('订阅消息模板的类型', () => {
  it('一次性与长期订阅混在一起时拒绝保存，说明原因，原配置不变', async () => {
    const once = { task_new: { templateId: 'TPL_once_01', fields } };
    data(await w.admin(P.streetAdmin, 'setTemplates', { templates: once }));
    const r = await w.admin(P.streetAdmin, 'setTemplates', {
      templates: { ...once, case_resolved: { templateId: 'TPL_long_01', fields, longTerm: true } },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INPUT.INVALID');
      expect(r.error.message).toMatch(/一次性订阅模板（TPL_once_01）与长期订阅模板（TPL_long_01）不能混用/);
    }
    expect(data<{ templates: unknown }>(await w.admin(P.streetAdmin, 'getTemplates', {})).templates).toEqual(once);
  });

  it('全是长期订阅、全是一次性都可以保存；长期标记读得回来', async () => {
    const long = {
      task_new: { templateId: 'TPL_long_01', fields, longTerm: true },
      case_resolved: { templateId: 'TPL_long_02', fields, longTerm: true },
    };
    data(await w.admin(P.streetAdmin, 'setTemplates', { templates: long }));
    expect(data<{ templates: unknown }>(await w.admin(P.streetAdmin, 'getTemplates', {})).templates).toEqual(long);
  });

  it('同一模板 ID 不能既是一次性又是长期', () => {
    expect(
      subscribeTypeProblem({
        task_new: { templateId: 'TPL_x', fields: { thing1: 'title' } },
        task_reminder: { templateId: 'TPL_x', fields: { thing1: 'title' }, longTerm: true },
      }),
    ).toMatch(/TPL_x 既被标为一次性订阅又被标为长期订阅/);
    expect(subscribeTypeProblem({})).toBeUndefined();
  });

  it('长期标记须为布尔值', async () => {
    const r = await w.admin(P.streetAdmin, 'setTemplates', { templates: { task_new: { templateId: 'TPL_1', fields, longTerm: 'yes' } } });
    expect(r.ok ? 'ok' : r.error.code).toBe('INPUT.INVALID');
  });
});

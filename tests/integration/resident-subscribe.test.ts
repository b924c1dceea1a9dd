/**
 * 订阅消息模板：街道管理员在「管理」里配置的居民通知模板，居民上报时由小程序请求订阅。
 */
import { dispatchOutbox, type TemplateConfig } from '../../backend/notify/dispatcher';
import { BUILDING, makeEnv, P, REPAIR, type TestEnv } from '../support/env';
import { FakeSubscribeSender } from '../support/fake-subscribe-sender';

let env: TestEnv;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => env.close());

const fields = { thing1: 'title', time2: 'time' } as const;

describe('居民的订阅消息模板', () => {
  it('没有配置时为空，小程序就不请求订阅', async () => {
    const r = await env.ok<{ templateIds: string[] }>('resident', P.resident, 'subscribeTemplates', {});
    expect(r.templateIds).toEqual([]);
  });

  it('只给居民的通知，请评价在前，去重后最多3个', async () => {
    await env.ok('admin', P.street, 'setTemplates', {
      templates: {
        case_accepted: { templateId: 'TPL_ACCEPTED', fields },
        case_resolved: { templateId: 'TPL_RESOLVED', fields },
        case_rework: { templateId: 'TPL_ACCEPTED', fields },
        case_progress: { templateId: 'TPL_PROGRESS', fields },
        case_closed: { templateId: 'TPL_CLOSED', fields },
        task_new: { templateId: 'TPL_MEMBER_TASK', fields },
      },
    });
    const r = await env.ok<{ templateIds: string[] }>('resident', P.resident, 'subscribeTemplates', {});
    expect(r.templateIds).toEqual(['TPL_RESOLVED', 'TPL_ACCEPTED', 'TPL_PROGRESS']);
  });

  it('记录同意的订阅，供之后发送', async () => {
    const r = await env.ok<{ accepted: number }>('resident', P.resident, 'recordSubscriptions', {
      results: { TPL_RESOLVED: 'accept', TPL_ACCEPTED: 'reject' },
    });
    expect(r.accepted).toBe(1);
    expect(await env.store.takeSubscriptionQuota(P.resident, 'TPL_RESOLVED')).toBe(true);
    expect(await env.store.takeSubscriptionQuota(P.resident, 'TPL_ACCEPTED')).toBe(false);
  });

  it('订阅消息的「状态」是诉求办理后的状态，不是通知标题', async () => {
    const { caseId } = await env.ok<{ caseId: string }>('resident', P.resident, 'submitCase', {
      requestId: 'status-field-1',
      categoryId: REPAIR,
      buildingId: BUILDING,
      description: '楼道灯坏了\n晚上很黑',
      isPublic: true,
    });
    await env.ok('member', P.steward11, 'acceptCase', { caseId });
    const templates: TemplateConfig = {
      task_new: { templateId: 'TPL_TASK', fields: { thing1: 'title', phrase2: 'status', time3: 'time' } },
      case_accepted: { templateId: 'TPL_ACCEPTED', fields: { thing1: 'title', phrase2: 'status', time3: 'time' } },
    };
    await env.store.addSubscriptionQuota(P.steward11, 'TPL_TASK', 1);
    await env.store.addSubscriptionQuota(P.resident, 'TPL_ACCEPTED', 1);
    const sender = new FakeSubscribeSender();
    await dispatchOutbox(env.store, env.deps.now(), sender, templates);
    const byTemplate = new Map(sender.calls.map((c) => [c.msg.templateId, c]));
    expect(byTemplate.get('TPL_TASK')?.outcome).toEqual({ ok: true });
    expect(byTemplate.get('TPL_TASK')?.msg.data.phrase2.value).toBe('待受理');
    expect(byTemplate.get('TPL_ACCEPTED')?.outcome).toEqual({ ok: true });
    expect(byTemplate.get('TPL_ACCEPTED')?.msg.data.phrase2.value).toBe('处理中');
  });
});

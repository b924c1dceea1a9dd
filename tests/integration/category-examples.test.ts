/**
 * The street edits the examples residents see under a category (配置 → 类别); the report page reads
 * them from `resident.listCategories`. Empty goes back to the default for the category's name.
 */
import { data, openAdminWorld, outcome, P, type AdminWorld } from '../support/admin-world';

jest.setTimeout(60_000);

const REPAIR = 'cat-01'; // 设施维修
let w: AdminWorld;
beforeEach(async () => {
  w = await openAdminWorld(undefined, { caseCount: 0 });
});
afterEach(async () => {
  await w.close();
});

const residentSees = async (): Promise<string> =>
  data<{ items: { id: string; examples: string }[] }>(await w.resident(P.resident, 'listCategories')).items.find((c) => c.id === REPAIR)!
    .examples;

test('the street admin edits the examples; residents see them; empty restores the default', async () => {
  const before = await residentSees();
  expect(before).toContain('楼栋里的东西坏了');

  const written = data<{ examples?: string }>(
    await w.admin(P.streetAdmin, 'updateCategory', { categoryId: REPAIR, examples: ' 楼道灯、门禁、电梯坏了 ' }),
  );
  expect(written.examples).toBe('楼道灯、门禁、电梯坏了');
  expect(await residentSees()).toBe('楼道灯、门禁、电梯坏了');

  data(await w.admin(P.streetAdmin, 'updateCategory', { categoryId: REPAIR, examples: '' }));
  expect(await residentSees()).toBe(before);
  expect((await w.store.getRef('categories', REPAIR))?.examples).toBeUndefined();
});

test('only the street admin; too long is refused; nothing changes', async () => {
  const stored = JSON.stringify(await w.store.getRef('categories', REPAIR));
  expect(outcome(await w.admin(P.communityAdmin, 'updateCategory', { categoryId: REPAIR, examples: '社区想改' }))).toBe('AUTH.FORBIDDEN');
  expect(outcome(await w.admin(P.member, 'updateCategory', { categoryId: REPAIR, examples: '成员想改' }))).toBe('AUTH.FORBIDDEN');
  const long = await w.admin(P.streetAdmin, 'updateCategory', { categoryId: REPAIR, examples: '字'.repeat(61) });
  expect(long.ok ? '' : long.error.message).toBe('「举例说明」过长（最多60字）');
  expect(JSON.stringify(await w.store.getRef('categories', REPAIR))).toBe(stored);
});

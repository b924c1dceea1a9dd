import { call, type Input, type Output } from './call';

/** 职能部门 (backend/functions/departments.ts, on `community`): the street admin manages them, community admins look. */
export type DepartmentList = Output<'community', 'departmentList'>;
export type DepartmentItem = DepartmentList['items'][number];
export type DepartmentCase = Output<'community', 'departmentCases'>['items'][number];
export type DepartmentFields = Omit<Input<'community', 'createDepartment'>, 'name'> & { name: string };

export const departmentsApi = {
  list: () => call('community', 'departmentList'),
  cases: (departmentId: string) => call('community', 'departmentCases', { departmentId }),
  create: (fields: DepartmentFields) => call('community', 'createDepartment', fields),
  update: (departmentId: string, fields: Omit<Input<'community', 'updateDepartment'>, 'departmentId'>) =>
    call('community', 'updateDepartment', { departmentId, ...fields }),
  stop: (departmentId: string) => call('community', 'stopDepartment', { departmentId }),
  restart: (departmentId: string) => call('community', 'restartDepartment', { departmentId }),
  invite: (departmentId: string) => call('community', 'departmentInvite', { departmentId }),
  removeAccount: (departmentId: string, accountId: string) => call('community', 'removeDepartmentAccount', { departmentId, accountId }),
};

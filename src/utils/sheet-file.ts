/**
 * What a 12345 工单 sheet may be before it is uploaded (both platforms' `sheet-upload`): its
 * extension and size. Kept apart from `services/sheet-upload.ts`, which the build replaces per
 * platform (an import of it from `sheet-upload.h5.ts` would be that file itself).
 */

/** The largest sheet the server takes (backend/services/hotline-sheet-read.ts). */
export const MAX_SHEET_BYTES = 2 * 1024 * 1024;
export const SHEET_TOO_LARGE = '表格文件不能超过2MB，请拆分后分批导入';
export const NOT_A_SHEET = '请选择 .xlsx 或 .csv 格式的12345工单表格';

export interface UploadedSheet {
  fileId: string;
  name: string;
}

/** The sheet's kind by its name, or undefined when it is neither .xlsx nor .csv. */
export function sheetExtension(name: string): 'xlsx' | 'csv' | undefined {
  const ext = /\.(xlsx|csv)$/i.exec(name)?.[1]?.toLowerCase();
  return ext === 'xlsx' || ext === 'csv' ? ext : undefined;
}

import { call, type Input, type Output } from './call';

/**
 * 12345 工单 in and out: the `hotline*` actions of the `intake` function (backend/functions/hotline.ts),
 * for community and street admins. Every type is the server's own.
 */
export type HotlinePreview = Output<'intake', 'hotlinePreview'>;
export type HotlinePreviewRow = HotlinePreview['rows'][number];
export type HotlineCommit = Output<'intake', 'hotlineCommit'>;
export type HotlineCommitLine = HotlineCommit['lines'][number];
export type HotlineImports = Output<'intake', 'hotlineImports'>;
export type HotlineExportFormat = NonNullable<Input<'intake', 'hotlineExport'>['format']>;

/** How many 工单 one commit call files: a long sheet goes in several calls, each well inside a function's time. */
export const COMMIT_CHUNK = 50;

export const hotlineApi = {
  preview: (fileId: string) => call('intake', 'hotlinePreview', { fileId }),
  commit: (input: Input<'intake', 'hotlineCommit'>) => call('intake', 'hotlineCommit', input),
  imports: (page: number) => call('intake', 'hotlineImports', { page }),
  export: (period: string, format: HotlineExportFormat) => call('intake', 'hotlineExport', { period, format }),
};

import { chinesePeriod, exportFileName } from './ledgers';

describe('导出文件用中文命名', () => {
  it('periods and dates read in Chinese', () => {
    expect(chinesePeriod('2026-12')).toBe('2026年12月');
    expect(chinesePeriod('2026-01')).toBe('2026年1月');
    expect(chinesePeriod('2026-Q4')).toBe('2026年第4季度');
    expect(chinesePeriod('2026')).toBe('2026年');
    expect(chinesePeriod('2026-11-30')).toBe('2026年11月30日');
  });

  it('where, what, when joined by underscores', () => {
    expect(exportFileName({ scope: '渝园社区', what: '诉求台账', when: chinesePeriod('2026-12') })).toBe(
      '渝园社区_诉求台账_2026年12月.xlsx',
    );
    expect(exportFileName({ scope: '双福街道', what: '隐患台账', when: '全部' })).toBe('双福街道_隐患台账_全部.xlsx');
  });

  it('drops what a file system refuses and empty parts', () => {
    expect(exportFileName({ scope: 'a/b:c*?"<>|社区 一', what: '周报', when: '' })).toBe('abc社区一_周报.xlsx');
    expect(exportFileName({ scope: '', what: '', when: '' })).toBe('导出.xlsx');
  });
});

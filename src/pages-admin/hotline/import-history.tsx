import { useState } from 'react';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { EmptyState, ErrorLine, Loading, SectionTitle } from '../../components/notice';
import { StaffNote } from '../../components/staff-ui';
import { hotlineApi } from '../../services/hotline-api';
import { useSignedIn } from '../../state/staff-profile';
import { useRemote } from '../../utils/use-remote';

/**
 * 导入记录: who imported which sheet when, and how many of its rows were imported, skipped (already
 * filed) or refused; newest first, a page at a time. The sheets themselves are not kept to open again.
 */
export function ImportHistory() {
  const signedIn = useSignedIn();
  const [page, setPage] = useState(1);
  const list = useRemote(() => hotlineApi.imports(page), signedIn, page);
  const d = list.data;
  return (
    <View data-testid="hotline-history">
      <SectionTitle>{d ? `导入记录（共${d.total}次）` : '导入记录'}</SectionTitle>
      <ErrorLine message={list.error} onRetry={() => void list.reload()} testId="hotline-history-error" />
      {list.loading && !d ? <Loading /> : null}
      {d && d.items.length === 0 ? <EmptyState title="还没有导入过12345工单" /> : null}
      {d?.items.map((h) => (
        <View key={h.id} className="card" data-testid="hotline-history-row">
          <View className="hotline__row-title">{h.fileName || '（未记录文件名）'}</View>
          <View className="hotline__muted">{`${h.at} · ${h.byName}${h.communityName ? ` · ${h.communityName}` : ''}`}</View>
          <View className="hotline__text" data-testid="hotline-history-counts">
            {`导入 ${h.imported} 条，跳过（已登记）${h.skipped} 条，未导入 ${h.refused} 条`}
          </View>
        </View>
      ))}
      {d && d.pages > 1 ? (
        <View>
          <StaffNote testId="hotline-history-page">{`第${d.page}/${d.pages}页`}</StaffNote>
          {d.page > 1 ? (
            <BigButton kind="plain" onClick={() => setPage(d.page - 1)} testId="hotline-history-prev">
              上一页
            </BigButton>
          ) : null}
          {d.page < d.pages ? (
            <BigButton kind="plain" onClick={() => setPage(d.page + 1)} testId="hotline-history-next">
              下一页
            </BigButton>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

import { View } from '@tarojs/components';
import { EmptyState, SectionTitle } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import './index.scss';

/** What the message centre will tell a resident (the in-app copy of every notification). */
const KINDS: ReadonlyArray<{ icon: string; title: string; text: string }> = [
  { icon: '📨', title: '已受理', text: '处理人员接手了您的诉求' },
  { icon: '🛠️', title: '办理进展', text: '处理人员记录了新的进展' },
  { icon: '⭐', title: '请您评价', text: '问题处理好了，请看看是否满意' },
  { icon: '🔁', title: '回炉整改', text: '您不满意的诉求会重新处理' },
  { icon: '✅', title: '已办结', text: '诉求办理完成' },
];

export default function MessagesPage() {
  return (
    <PageShell className="messages" testId="page-messages">
      <EmptyState icon="🔔" title="暂无消息">
        诉求有进展时，会在这里告诉您。
      </EmptyState>
      <SectionTitle>您会收到这些消息</SectionTitle>
      <View className="card">
        {KINDS.map((k) => (
          <View key={k.title} className="messages__kind">
            <View className="messages__icon">{k.icon}</View>
            <View>
              <View className="messages__title">{k.title}</View>
              <View className="messages__text">{k.text}</View>
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}

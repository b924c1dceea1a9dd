import { View } from '@tarojs/components';
import { residentApi } from '../../services/resident-api';
import { useRemote } from '../../utils/use-remote';
import { CallLink } from '../call-link';
import './index.scss';

/**
 * On the resident's case page: the handler's work phone to call, when the member consented to show
 * it (公示牌信息). Without consent nothing shows; a failed load shows nothing either (the case page
 * does not depend on it).
 */
export function HandlerCall({ caseId }: { caseId: string }) {
  const contact = useRemote(() => residentApi.handlerContact(caseId), true);
  const phone = contact.data?.workPhone;
  if (!phone) return null;
  return (
    <View className="handler-call" data-testid="handler-call">
      <View className="handler-call__label">办理人 {contact.data?.who} 的工作电话</View>
      <CallLink phone={phone} label={`拨打 ${phone}`} testId="handler-phone" />
    </View>
  );
}

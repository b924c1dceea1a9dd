import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Icon } from '../icon';

/**
 * A phone number people can call with one tap: in the weapp `makePhoneCall`, in H5 a `tel:` link
 * (`index.h5.tsx`). This file is what the type checker and the weapp build see.
 */
export function CallLink({ phone, label, testId }: { phone: string; label?: string; testId?: string }) {
  return (
    <View className="call-link" onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)} data-testid={testId}>
      <Icon name="phone" tone="primary" />
      {label ?? phone}
    </View>
  );
}

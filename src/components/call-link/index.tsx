import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Icon } from '../icon';
import { asButton } from '../../utils/a11y';

export interface CallLinkProps {
  phone: string;
  label?: string;
  testId?: string;
  /** Replaces the default `call-link` look (the staff pages' `staff-phone`, with the `ok` icon). */
  className?: string;
  tone?: 'primary' | 'ok';
}

/**
 * A phone number people can call with one tap: in the weapp `makePhoneCall`, in H5 a `tel:` link
 * (`index.h5.tsx`). This file is what the type checker and the weapp build see.
 */
export function CallLink({ phone, label, testId, className = 'call-link', tone = 'primary' }: CallLinkProps) {
  return (
    <View
      className={className}
      onClick={() => void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)}
      data-testid={testId}
      {...asButton(`拨打电话 ${phone}`)}
    >
      <Icon name="phone" tone={tone} />
      {label ?? phone}
    </View>
  );
}

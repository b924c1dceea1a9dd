import { View } from '@tarojs/components';
import { dismissElderOffer, elderOfferStore } from '../../state/prefs';
import { useStore } from '../../state/use-store';
import { asButton } from '../../utils/a11y';
import './index.scss';

/** On first launch, offers 长辈版 once; either answer is remembered (我的 → 长辈版 changes it later). */
export function ElderOffer() {
  const open = useStore(elderOfferStore);
  if (!open) return null;
  return (
    <View className="elder-offer card" data-testid="elder-offer">
      <View className="elder-offer__title">试试长辈版？</View>
      <View className="elder-offer__text">字更大、按钮更大，看得清、点得准。以后可在「我的」里随时切换。</View>
      <View className="elder-offer__actions">
        <View
          className="elder-offer__yes"
          onClick={() => dismissElderOffer(true)}
          data-testid="elder-offer-yes"
          {...asButton('用长辈版：字更大、按钮更大')}
        >
          用长辈版
        </View>
        <View className="elder-offer__no" onClick={() => dismissElderOffer(false)} data-testid="elder-offer-no" {...asButton('不用长辈版')}>
          不用了
        </View>
      </View>
    </View>
  );
}

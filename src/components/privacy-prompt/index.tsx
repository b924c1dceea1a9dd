import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { answerPrivacy, openPrivacyGuide, PRIVACY_AGREE_BUTTON_ID, privacyPromptShown, privacyStore } from '../../state/privacy';
import { useStore } from '../../state/use-store';
import './index.scss';

/**
 * WeChat asks for consent before the first privacy-relevant call (choosing a location or a photo).
 * The agree button must be WeChat's own (`openType="agreePrivacyAuthorization"`). weapp only.
 * The guide opens as WeChat's contract page; on our own privacy page the prompt steps aside.
 */
export function PrivacyPrompt() {
  const { open } = useStore(privacyStore);
  const path = useRouter().path;
  if (process.env.TARO_ENV !== 'weapp' || !privacyPromptShown(open, path)) return null;
  return (
    <View className="privacy-prompt" catchMove>
      <View className="privacy-prompt__sheet" data-testid="privacy-prompt">
        <View className="privacy-prompt__title">温馨提示</View>
        <View className="privacy-prompt__text">
          为了上报和办理您反映的问题，需要使用您选择的照片或位置。使用前请阅读
          <Text className="privacy-prompt__link" onClick={openPrivacyGuide}>
            《隐私保护指引》
          </Text>
          。同意后才能继续。
        </View>
        <View className="privacy-prompt__buttons">
          <Button className="privacy-prompt__button privacy-prompt__button--no" onClick={() => answerPrivacy(false)}>
            不同意
          </Button>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className="privacy-prompt__button privacy-prompt__button--yes"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answerPrivacy(true)}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  );
}

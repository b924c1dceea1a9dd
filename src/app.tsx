import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { installPrivacyHandler } from './state/privacy';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      // The identity in WeChat is the WeChat user; the cloud knows it from the call itself.
      Taro.cloud.init({ env: CLOUD_ENV_ID || undefined, traceUser: true });
      // WeChat asks for privacy consent through this listener; pages show the prompt.
      installPrivacyHandler();
    }
  });
  // children is the page being shown.
  return children;
}

export default App;

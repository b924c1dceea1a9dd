// The runtime half of config/weapp-aria.ts, bundled into the weapp before the app: the same
// attributes are added to Taro's runtime component table, so that the short names the runtime
// gives props (`i.p1`…) are the ones the templates read.
import { mergeInternalComponents } from '@tarojs/shared';
import components from './weapp-aria.json';

mergeInternalComponents(components);

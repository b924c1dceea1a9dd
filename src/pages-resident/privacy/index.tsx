import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { BigButton } from '../../components/big-button';
import { PageShell } from '../../components/page-shell';
import './index.scss';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/** What we collect, why, who sees it, what is public: in plain words, for residents. */
const SECTIONS: ReadonlyArray<{ title: string; items: string[] }> = [
  {
    title: '我们收集哪些信息',
    items: [
      '您上报的问题：类别、位置（社区、网格、楼栋，或您在地图上选的位置）、文字说明和照片。',
      '您自愿留下的联系电话。',
      '您的微信身份标识（不是微信号，也不是手机号），用来让您查看自己的诉求。',
      '您是否同意接收办理进度的订阅消息。',
    ],
  },
  {
    title: '为什么收集',
    items: ['把问题交给您所在网格负责的五员共治小组成员办理，并告诉您办理进度。', '统计办理数量、时效和满意度，督促办理。'],
  },
  {
    title: '谁能看到',
    items: ['您本人、办理人员、社区和街道的管理人员，以及被“吹哨”请来处理的职能部门。', '联系电话只有办理人员和管理人员能看到。'],
  },
  {
    title: '公示栏公开什么',
    items: [
      '公开的诉求：经社区审核、隐去姓名、电话、门牌号等信息的问题描述和办理过程。',
      '照片要经过社区管理员审核后才会公开。',
      '邻里纠纷、家庭矛盾、困难帮扶等默认不公开；其他问题您可以在上报时选择不公开。',
      '您的姓名、电话、门牌号、身份证号、车牌号任何时候都不公开。',
    ],
  },
  {
    title: '我们怎样保护',
    items: ['信息只用于办理诉求和统计，不会出售或用于广告。', '诉求办结前，您可以随时撤回。'],
  },
  {
    title: '位置和照片权限',
    items: [
      '只有您点「在地图上选位置」时才会使用位置，只有您点「添加照片」时才会读取您选中的照片。',
      '不授权也能上报：选择楼栋、不加照片即可。',
    ],
  },
  {
    title: '联系我们',
    items: ['对个人信息有疑问，可以联系您所在社区的居委会，或在「我要上报」中选择「其他」告诉我们。'],
  },
];

export default function PrivacyPage() {
  return (
    <PageShell className="privacy" testId="page-privacy" requireIdentity={false}>
      <View className="privacy__intro">「五员共治 · 我为群众办实事」重视您的个人信息。下面用简单的话说明我们怎样使用和保护您的信息。</View>
      {SECTIONS.map((s) => (
        <View key={s.title} className="card privacy__section">
          <View className="privacy__title">{s.title}</View>
          {s.items.map((t) => (
            <View key={t} className="privacy__item">
              {t}
            </View>
          ))}
        </View>
      ))}
      {IS_WEAPP ? (
        <BigButton kind="secondary" onClick={() => Taro.openPrivacyContract({})} testId="open-privacy-contract">
          查看微信小程序隐私保护指引
        </BigButton>
      ) : null}
    </PageShell>
  );
}

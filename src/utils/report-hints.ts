/**
 * What to write, in the resident's words, for each kind of problem: the placeholder of the
 * description box. Keyed by the category's name (the seeded defaults), else by its kind.
 */
const BY_NAME: Record<string, string> = {
  设施维修: '哪里坏了、坏了多久。例如：3栋2单元5楼楼道灯坏了一周，晚上看不清。',
  环境卫生: '哪里脏乱、持续多久。例如：小区东门垃圾桶满了两天没人清运，有异味。',
  垃圾分类: '哪个投放点、什么问题。例如：2栋旁边的厨余垃圾桶破了，汤水流一地。',
  安全隐患: '什么隐患、在哪个位置。例如：1栋楼道里有人给电动车充电。遇到着火、燃气泄漏请先打119。',
  帮办代办: '需要办什么事、什么时候方便。例如：老人行动不便，想请人上门帮办社保认证。',
  邻里纠纷: '发生了什么、持续多久、希望怎样解决。不用写对方的姓名和门牌号。',
  家庭矛盾: '简单说说情况和您希望得到的帮助。这类问题默认不公开。',
  物业服务: '什么服务没做好、持续多久。例如：地下车库积水一周，物业一直没处理。',
  公共设施: '哪个设施、什么问题。例如：小区健身器材的扶手松了，老人用着不安全。',
  困难帮扶: '家里遇到的困难和需要的帮助。这类问题默认不公开。',
  政策咨询: '想了解哪方面的政策。例如：高龄津贴怎么申请、要带什么材料。',
};

const BY_KIND: Record<string, string> = {
  dispute: '发生了什么、持续多久、希望怎样解决。不用写对方的姓名和门牌号。',
  hazard: '什么隐患、在哪个位置、是否紧急。遇到着火、燃气泄漏请先打119。',
};

export const DEFAULT_HINT = '说清楚：什么问题、在哪个位置、从什么时候开始。例如：3栋2单元楼道灯坏了一周，晚上看不清。';

export function descriptionHint(category?: { name: string; kind?: string }): string {
  if (!category) return DEFAULT_HINT;
  return BY_NAME[category.name] ?? BY_KIND[category.kind ?? ''] ?? DEFAULT_HINT;
}

/**
 * The purposes a shopper can consent to, each with the fields it allows (C-4.1.1, C-4.1.3a),
 * how long its data is kept (D-7.1), and whether it is the basic membership function or an
 * extended one opted into one by one (U-6.6.1b). Sensitive fields need their own, separate
 * purpose (C-4.1.2c). Texts are what the mini-program shows, in Simplified Chinese.
 */
export const PURPOSE_IDS = [
  'membership',
  'transaction_linking',
  'parking',
  'marketing_messages',
  'personalised_offers',
  'surveys',
  'sensitive_id',
  'online_shopping',
] as const;

export type PurposeId = (typeof PURPOSE_IDS)[number];

export const COLLECTED_FIELDS = [
  'name',
  'gender',
  'birth_date',
  'province',
  'address',
  'nickname',
  'phone',
  'wechat_openid',
  'email',
  'shipping_address',
  'invoice_title',
  'offline_card',
  'alipay_user',
  'transactions',
  'plate',
  'parking_sessions',
  'purchase_history',
  'survey_answers',
  'resident_id',
  'online_shopping_events',
] as const;

export type CollectedField = (typeof COLLECTED_FIELDS)[number];

export interface ConsentPurpose {
  id: PurposeId;
  kind: 'basic' | 'extended';
  sensitive: boolean;
  fields: readonly CollectedField[];
  /**
   * Fields the shopper may add or leave out (C-4.2.1.3b); never asked for by default. Each is
   * also listed in `fields`, which is what the purpose allows.
   */
  optionalFields: readonly CollectedField[];
  retentionDays: number;
  title: string;
  description: string;
  /** For sensitive purposes: why it is needed and how it affects the shopper (C-4.1.2c). */
  impact?: string;
}

export const CONSENT_PURPOSES: Readonly<Record<PurposeId, ConsentPurpose>> = {
  membership: {
    id: 'membership',
    kind: 'basic',
    sensitive: false,
    fields: [
      'name',
      'gender',
      'birth_date',
      'province',
      'address',
      'nickname',
      'phone',
      'wechat_openid',
      'offline_card',
      // The optional fields are allowed too: optionalFields is always a subset of fields
      // (C-4.2.1.3b); without them an email, shipping address or invoice title was refused.
      'email',
      'shipping_address',
      'invoice_title',
    ],
    optionalFields: ['email', 'shipping_address', 'invoice_title', 'phone', 'offline_card'],
    retentionDays: 365 * 3,
    title: '会员服务',
    description: '用于开通和维护会员账户：识别您的身份、积分与等级、会员权益。',
  },
  transaction_linking: {
    id: 'transaction_linking',
    kind: 'extended',
    sensitive: false,
    fields: ['wechat_openid', 'alipay_user', 'transactions'],
    optionalFields: ['alipay_user'],
    retentionDays: 365 * 3,
    title: '消费关联积分',
    description: '在收银台付款时，将您的付款账户与会员关联，自动累积积分。',
  },
  parking: {
    id: 'parking',
    kind: 'extended',
    sensitive: false,
    fields: ['plate', 'parking_sessions'],
    optionalFields: [],
    retentionDays: 180,
    title: '停车服务',
    description:
      '绑定车牌后，出入场自动识别，可用积分或消费抵扣停车费。出入场时间属于行踪信息，仅用于计费。',
  },
  marketing_messages: {
    id: 'marketing_messages',
    kind: 'extended',
    sensitive: false,
    fields: ['phone', 'wechat_openid'],
    optionalFields: [],
    retentionDays: 365,
    title: '营销消息',
    description: '通过短信或微信订阅消息向您发送活动、优惠券和生日祝福；每条消息都可退订。',
  },
  personalised_offers: {
    id: 'personalised_offers',
    kind: 'extended',
    sensitive: false,
    fields: ['purchase_history'],
    optionalFields: [],
    retentionDays: 365,
    title: '个性化推荐',
    description: '根据您的消费记录推荐商品和优惠；不同意时您看到的是非个性化内容，价格完全相同。',
  },
  surveys: {
    id: 'surveys',
    kind: 'extended',
    sensitive: false,
    fields: ['survey_answers', 'name', 'phone', 'address'],
    optionalFields: [],
    retentionDays: 365,
    title: '问卷调查',
    description: '参与问卷时保存您的回答；含姓名、电话、地址的题目仅在您同意后才会出现。',
  },
  sensitive_id: {
    id: 'sensitive_id',
    kind: 'extended',
    sensitive: true,
    fields: ['resident_id'],
    optionalFields: ['resident_id'],
    retentionDays: 365 * 3,
    title: '身份证号（敏感个人信息）',
    description: '仅在领取需实名登记的礼品或开具实名发票时使用。',
    impact: '身份证号属于敏感个人信息，单独加密保存，仅用于实名核验；不提供不影响会员服务的使用。',
  },
  // C-4.2.1.5: browsing, favourites, carts, orders and payments in the retailer's own online
  // channels are behaviour data with a purpose of their own; no other purpose names them.
  online_shopping: {
    id: 'online_shopping',
    kind: 'extended',
    sensitive: false,
    fields: ['online_shopping_events'],
    optionalFields: [],
    retentionDays: 365,
    title: '线上购物记录',
    description:
      '在我们自己的官网、小程序和线上商城中浏览、收藏、加购、下单和支付时，以化名记录商品编号和金额，用于查询和改进线上服务；不记录您输入的文字。',
  },
};

export function isPurposeId(value: string): value is PurposeId {
  return (PURPOSE_IDS as readonly string[]).includes(value);
}

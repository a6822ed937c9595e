import type { CollectedField } from '@memberkit/shared';

/** How each collected field is named to shoppers (privacy notice, consent switches). */
export const FIELD_LABELS: Readonly<Record<CollectedField, string>> = {
  name: '姓名',
  gender: '性别',
  birth_date: '出生日期',
  province: '所在省份',
  address: '联系地址',
  nickname: '昵称',
  phone: '手机号',
  wechat_openid: '微信账号标识',
  email: '电子邮箱',
  shipping_address: '收货地址',
  invoice_title: '发票抬头',
  offline_card: '实体会员卡',
  alipay_user: '支付宝账户标识',
  transactions: '交易记录',
  plate: '车牌号',
  parking_sessions: '停车出入场记录',
  purchase_history: '消费记录',
  survey_answers: '问卷回答',
  resident_id: '身份证号',
  online_shopping_events: '线上浏览、收藏、加购、下单和支付记录',
};

export function fieldList(fields: readonly string[]): string {
  return fields.map((field) => FIELD_LABELS[field as CollectedField] ?? field).join('、');
}

/** "保存 3 年" / "保存 180 天". */
export function retentionText(days: number): string {
  if (days % 365 === 0) return `保存 ${days / 365} 年`;

  return `保存 ${days} 天`;
}

export const GENDER_LABELS = { female: '女', male: '男', undisclosed: '不透露' } as const;

export const CONSENT_STATUS_LABELS = {
  granted: '已同意',
  refused: '未同意',
  withdrawn: '已撤回',
  none: '未选择',
} as const;

export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  weapp: '微信小程序',
  h5: '网页版',
  website: '官网',
  'service-desk': '服务台',
};

/** "2025-01-31 14:05" in the shopper's local time. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';

  // The server sends some times as UTC SQL text ("2025-01-31 06:05:00.000", no zone).
  const utcSql = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(iso);
  const time = new Date(utcSql ? `${iso.replace(' ', 'T')}Z` : iso);
  if (Number.isNaN(time.getTime())) return iso;

  const pad = (value: number) => String(value).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())} ${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

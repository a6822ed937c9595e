import type { AppliedKind, AppliedRule } from './compute-award';

/** What the mini-program calls each kind of rule, so shoppers read why they got their points. */
export const APPLIED_KIND_LABELS: Readonly<Record<AppliedKind, string>> = {
  base: '消费积分',
  product: '指定商品加赠',
  brand: '品牌加赠',
  category: '品类加赠',
  'member-day': '会员日倍数',
  holiday: '节假日倍数',
  'store-anniversary': '店庆倍数',
  'birthday-day': '生日当天倍数',
  'birthday-month': '生日月倍数',
  tier: '会员等级倍数',
  cap: '单笔积分上限',
  'sign-up': '注册礼',
  'top-up': '充值礼',
};

export const LEDGER_ENTRY_LABELS: Readonly<Record<string, string>> = {
  earn: '获得积分',
  redeem: '积分兑换',
  expire: '积分过期',
  adjust: '积分调整',
  reverse: '退货扣回',
  transfer: '实体卡积分转入',
};

/** One explanation line, e.g. '会员日倍数 x2：+128'. */
export function describeAppliedRule(rule: AppliedRule): string {
  const label = APPLIED_KIND_LABELS[rule.kind] ?? rule.kind;
  const effect = translateEffect(rule.effect);
  const sign = rule.points >= 0 ? '+' : '';
  return `${label}${effect ? ` ${effect}` : ''}：${sign}${rule.points}`;
}

export function describeLedgerEntry(entryType: string): string {
  return LEDGER_ENTRY_LABELS[entryType] ?? entryType;
}

// Effects are written in a small fixed vocabulary by computeAward; shoppers read Chinese.
function translateEffect(effect: string): string {
  return effect
    .replace(/^(\+?\d+)\/yuan on (\d+\.\d{2})$/, '每元$1分（¥$2）')
    .replace(/^top-up >= (\d+\.\d{2})$/, '充值满¥$1')
    .replace(/^max (\d+)$/, '最多$1分')
    .replace(/^\+(\d+)$/, '');
}

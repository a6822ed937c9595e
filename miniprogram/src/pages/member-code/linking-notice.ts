import type { MyConsents } from '../../services/api-types';

/** The consent a till needs to link a sale to the member who showed their code (U-6.1.1). */
const LINKING_PURPOSE = 'transaction_linking';

/** Whether showing the code earns this sale's points; unknown until the consents are read. */
export type LinkingState = 'on' | 'off' | 'reconfirm' | 'unknown';

export function linkingStateOf(consents: MyConsents | undefined): LinkingState {
  const linking = consents?.purposes.find((state) => state.purpose === LINKING_PURPOSE);
  if (!linking) return 'unknown';
  if (linking.active) return 'on';
  return linking.needsReconsent ? 'reconfirm' : 'off';
}

/**
 * What showing the code does, told truthfully: the server links a member-code sale and awards
 * its points only under the transaction-linking consent; without it the sale stays anonymous
 * and earns nothing (server/src/checkout/payer-links.ts, C-4.2.1.4, U-6.1.1).
 */
export const LINKING_INTROS: Record<LinkingState, string> = {
  on: '结账时请向收银员出示，扫码即可累积本次消费积分。',
  off: '您尚未开启“消费关联积分”授权：出示会员码不会累积本次消费积分，这笔消费也不会关联到您的账户。',
  reconfirm: '“消费关联积分”授权的内容已更新，重新确认前出示会员码不会累积本次消费积分。',
  unknown: '结账时请向收银员出示；开启“消费关联积分”授权后，扫码即可累积本次消费积分。',
};

/** The way to the consent (on the account page) the page offers, when linking is not on. */
export const LINKING_ACTIONS: Partial<Record<LinkingState, string>> = {
  off: '去开启“消费关联积分”授权',
  reconfirm: '去重新确认“消费关联积分”授权',
};

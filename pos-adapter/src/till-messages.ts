/** A line for the cashier, in Chinese and English (the till's screen shows both). */
export interface TillMessage {
  zh: string;
  en: string;
}

export const UNIONPAY_REFUSED: TillMessage = {
  zh: '不支持银联付款码，请改用其他方式',
  en: 'UnionPay codes are not accepted here',
};

/** Keyed by error code (shared error catalogue) or by checkout outcome. */
const MESSAGES: Record<string, TillMessage> = {
  PAYMENT_CODE_NOT_ACCEPTED: UNIONPAY_REFUSED,
  SCAN_CODE_UNRECOGNISED: {
    zh: '无法识别此码，请重新扫描付款码或会员码',
    en: 'Not a payment code or member code; scan again',
  },
  SCAN_TOO_LONG: {
    zh: '扫码内容过长，请重新扫描',
    en: 'The scan is too long for a payment or member code; scan again',
  },
  SERVER_UNREACHABLE: {
    zh: '会员系统暂时无法连接，付款码无法收款，请改收现金或银行卡',
    en: 'The server cannot be reached: payment codes cannot be taken now; take cash or a bank card',
  },
  PAYMENT_OUTCOME_UNKNOWN: {
    zh: '支付结果未知：请勿重新收款，保留本单，稍后用同一单号重试',
    en: 'Payment outcome unknown: do not charge again; keep this sale open and retry it',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    zh: '本单仍在处理中，请稍后用同一单号重试',
    en: 'This sale is still being processed; retry it shortly',
  },
  IDEMPOTENCY_MISMATCH: {
    zh: '本单号已用于另一笔交易内容，请核对后重试',
    en: 'This sale number was used with other details; check the sale',
  },
  MEMBER_CODE_REFUSED: {
    zh: '会员码已失效或已使用，请顾客刷新会员码',
    en: 'The member code is expired or used; ask for a fresh one',
  },
  MEMBER_CODE_INVALID: { zh: '不是有效的会员码', en: 'Not a member code' },
  PAYMENT_CODE_REQUIRED: {
    zh: '请先扫描顾客的付款码',
    en: 'Scan the shopper’s payment code first',
  },
  MEMBER_CODE_IN_PAYMENT_CODE: {
    zh: '这是会员码，不是付款码：请作为会员码提交，再扫描顾客的付款码',
    en: 'That is a member code, not a payment code: send it as memberCode',
  },
  VALIDATION_FAILED: { zh: '请求内容不完整或有误', en: 'The request is incomplete or wrong' },
  paid: { zh: '收款成功', en: 'Paid' },
  declined: {
    zh: '付款未成功，请顾客重新出示付款码或改用其他方式',
    en: 'Payment declined: scan a new code or take another tender',
  },
  queued: {
    zh: '已离线记录，恢复联网后自动上传',
    en: 'Recorded offline; it is sent when the server is back',
  },
  product: { zh: '商品条码，已交给收银系统', en: 'Product barcode, handed to the till' },
  member: { zh: '已识别会员码', en: 'Member code read' },
  payment: { zh: '已识别付款码', en: 'Payment code read' },
};

const FALLBACK: TillMessage = {
  zh: '操作未完成，请重试或联系店长',
  en: 'Not done; retry or call a supervisor',
};

export function tillMessage(key: string): TillMessage {
  return MESSAGES[key] ?? FALLBACK;
}

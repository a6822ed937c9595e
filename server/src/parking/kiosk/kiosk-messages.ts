/**
 * What the pay kiosk's screen says for each error code, in Simplified Chinese (C-4.2.2.6): the
 * server's messages are English, for staff and logs. A code missing here falls back to a
 * message by HTTP status, never to the server's text. The page script gets these tables as JSON.
 */
export const KIOSK_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  NETWORK_ERROR: '网络连接失败，请稍后再试',
  VALIDATION_FAILED: '输入的内容格式不正确，请检查后重试',
  PLATE_INVALID: '车牌号格式不正确，请检查后重新输入',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  PARKING_PAIRING_CODE_INVALID: '配对码不正确或已过期，请向工作人员索取新的配对码',
  PARKING_KIOSK_TOKEN_INVALID: '本机未配对或已停用，请联系工作人员重新配对',
  PARKING_SESSION_NOT_FOUND: '未找到该车辆的停车记录',
  PARKING_NOTHING_TO_PAY: '该车辆无需缴费，请直接离场',
  PARKING_ORDER_NOT_FOUND: '未找到该支付订单，请重新查询',
  PARKING_ORDER_NOT_PENDING: '该订单已支付或已失效，请重新查询',
  PARKING_PAYMENT_FAILED: '支付暂时无法发起，请稍后再试或到人工收费处缴费',
  SIMULATED_PAYMENT_UNAVAILABLE: '当前环境不支持模拟支付',
  // The supplier register held the payment back (C-4.1.4b): retrying will not help.
  SUPPLIER_NOT_REGISTERED: '在线支付暂停使用，请到人工收费处缴费',
  SUPPLIER_AGREEMENT_MISSING: '在线支付暂停使用，请到人工收费处缴费',
  SUPPLIER_AGREEMENT_EXPIRED: '在线支付暂停使用，请到人工收费处缴费',
  SUPPLIER_SCOPE_EXCEEDED: '在线支付暂停使用，请到人工收费处缴费',
};

/** The Chinese fallback by HTTP status, for codes the table does not list. */
export const KIOSK_STATUS_MESSAGES: Readonly<Record<string, string>> = {
  '401': '本机未配对或已停用，请联系工作人员',
  '403': '本机无权进行此操作，请联系工作人员',
  '404': '未找到相关记录，请检查后重试',
  '409': '操作冲突，请重新查询后再试',
  '429': '操作过于频繁，请稍后再试',
  '4xx': '输入有误，请检查后重试',
  '5xx': '系统繁忙，请稍后再试',
};

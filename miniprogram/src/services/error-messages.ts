/**
 * What shoppers read for each error code, in Simplified Chinese. Codes come from the server's
 * catalogue (shared/src/errors/error-catalogue.ts) and from the client (api-error.ts); a code
 * missing here falls back to a message by HTTP status, never to the server's English text.
 */
const MESSAGES: Readonly<Record<string, string>> = {
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  BAD_ANSWER: '服务暂时不可用，请稍后再试',
  WECHAT_LOGIN_UNAVAILABLE: '当前环境无法使用微信登录，请使用手机验证码',
  PHONE_BUTTON_DENIED: '您未授权获取手机号，可改用短信验证码绑定',
  VALIDATION_FAILED: '填写的信息格式不正确，请检查后重试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
  NOT_FOUND: '请求的内容不存在',
  PHONE_INVALID: '请输入正确的中国大陆手机号',
  RESIDENT_ID_INVALID: '身份证号格式不正确',
  PLATE_INVALID: '车牌号格式不正确',
  MEMBER_NOT_FOUND: '会员账户不存在或已注销',
  PHONE_ALREADY_REGISTERED: '该手机号已被其他会员绑定',
  IDENTIFIER_ALREADY_BOUND: '该信息已被其他会员绑定',
  BINDING_REFUSED: '无法绑定该信息，请核对后重试，或到服务台咨询',
  SIGNUP_TICKET_USED: '此次注册已完成，请重新登录',
  PARKING_ORDER_NOT_PENDING: '该停车订单已支付或已关闭',
  SIMULATED_PAYMENT_UNAVAILABLE: '当前环境不支持模拟支付',
  // The supplier register held the hand-over back (C-4.1.4b): retrying will not help.
  SUPPLIER_NOT_REGISTERED: '该服务暂停使用，请到服务台或人工收费处办理',
  SUPPLIER_AGREEMENT_MISSING: '该服务暂停使用，请到服务台或人工收费处办理',
  SUPPLIER_AGREEMENT_EXPIRED: '该服务暂停使用，请到服务台或人工收费处办理',
  SUPPLIER_SCOPE_EXCEEDED: '该服务暂停使用，请到服务台或人工收费处办理',
  FIELD_NOT_ALLOWED: '您未同意相应用途，无法保存该信息',
  CONSENT_REQUIRED: '此功能需要您先同意相应授权',
  RECONSENT_REQUIRED: '隐私政策已更新，请重新确认授权后使用',
  NOTICE_VERSION_OUTDATED: '隐私政策已更新，请阅读新版本后再提交',
  NOTICE_NOT_FOUND: '隐私政策版本不存在',
  BASIC_CONSENT_REQUIRED: '开通会员需要同意“会员服务”基本授权',
  SENSITIVE_CONSENT_REQUIRED: '填写身份证号需要单独同意敏感信息授权',
  SESSION_REQUIRED: '请先登录',
  SESSION_INVALID: '登录已失效，请重新登录',
  SIGNUP_TICKET_INVALID: '注册已超时，请重新登录后再试',
  ALREADY_MEMBER: '您已经是会员，无需重复注册',
  SMS_CODE_INVALID: '验证码不正确',
  SMS_CODE_EXPIRED: '验证码已过期，请重新获取',
  SMS_CODE_USED: '验证码已使用，请重新获取',
  SMS_CODE_LOCKED: '验证码错误次数过多，请稍后重新获取',
  SMS_SEND_LIMITED: '获取验证码过于频繁，请稍后再试',
  SMS_RATE_LIMITED: '该号码今日接收验证码次数过多，请稍后再试',
  SMS_GATEWAY_FAILED: '验证码发送失败，请稍后再试',
  PHONE_NOT_BOUND: '请先绑定手机号',
  CARD_ALREADY_BOUND: '该会员卡已被绑定',
  PASSWORD_INVALID: '手机号或密码不正确',
  PASSWORD_WEAK: '密码需为 8–64 位，且同时包含字母和数字',
  PASSWORD_CHANGE_UNVERIFIED: '请输入当前密码或短信验证码以确认是本人操作',
  WECHAT_LOGIN_FAILED: '微信登录失败，请重试',
  WECHAT_PHONE_CODE_INVALID: '手机号授权已失效，请重新点击按钮',
  WECHAT_DECRYPT_FAILED: '手机号读取失败，请重新点击按钮',
  PHONE_WATERMARK_MISMATCH: '手机号数据校验失败，请改用短信验证码',
  WECHAT_API_FAILED: '微信服务暂时不可用，请稍后再试',
};

function messageForStatus(status: number): string {
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '您没有权限进行此操作';
  if (status === 404) return '请求的内容不存在';
  if (status === 409) return '操作冲突，请刷新后重试';
  if (status === 429) return '操作过于频繁，请稍后再试';
  if (status >= 400 && status < 500) return '请求有误，请检查后重试';
  return '系统繁忙，请稍后再试';
}

export function chineseMessageFor(code: string, status: number): string {
  return MESSAGES[code] ?? messageForStatus(status);
}

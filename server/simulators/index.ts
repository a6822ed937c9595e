/**
 * Local stand-ins that speak the real wire formats, for dev mode and tests; never used in
 * production (design.md "Repository layout").
 */
export * from './wechat-simulator';
export * from './sms-simulator';
export * from './wechat-pay-simulator';
export * from './alipay-simulator';

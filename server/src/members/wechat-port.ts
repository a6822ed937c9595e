/**
 * What the member features need from WeChat; WechatApiClient (integrations/wechat) provides it
 * against the real API or the simulator.
 */
export interface WechatPort {
  code2Session(jsCode: string): Promise<{ openid: string; sessionKey: string; unionid?: string }>;
  getPhoneNumber(
    code: string,
  ): Promise<{ phoneNumber: string; purePhoneNumber: string; countryCode: string }>;
  sendSubscribeMessage(message: {
    openid: string;
    templateId: string;
    page?: string;
    data: Record<string, { value: string }>;
  }): Promise<void>;
}

export type LegacyPhoneDecryptor = (input: {
  sessionKey: string;
  encryptedData: string;
  iv: string;
  expectedAppId: string;
}) => {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
};

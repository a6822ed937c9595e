import crypto from 'node:crypto';
import { AppError } from '@memberkit/shared';

/**
 * The legacy phone-number flow (protocols/wechat-miniprogram.md "Phone number"): the button
 * gives encryptedData + iv, AES-128-CBC with PKCS#7 padding under the base64-decoded
 * session_key. Still met in the field on old base libraries.
 */
export interface PhoneNumberInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

export interface LegacyPhoneData {
  sessionKey: string;
  encryptedData: string;
  iv: string;
  expectedAppId: string;
}

interface DecryptedPhone extends PhoneNumberInfo {
  watermark?: { appid?: unknown; timestamp?: unknown };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decryptLegacyPhoneData(data: LegacyPhoneData): PhoneNumberInfo {
  const decrypted = decryptOrFail(data);

  // The watermark says which mini-program the data was made for: data lifted from another
  // app, or replayed into ours, must not bind a phone number here.
  if (decrypted.watermark?.appid !== data.expectedAppId)
    throw new AppError('PHONE_WATERMARK_MISMATCH');

  const { phoneNumber, purePhoneNumber, countryCode } = decrypted;
  return { phoneNumber, purePhoneNumber, countryCode };
}

/**
 * Any failure here is the same retryable one: most often a wx.login after the tap replaced the
 * session key, sometimes a '+' in the base64 lost to form decoding (field-cases.md). The
 * shopper taps again; nothing is stored. No cause is kept: a parse error could quote plaintext.
 */
function decryptOrFail(data: LegacyPhoneData): DecryptedPhone {
  try {
    const decipher = crypto.createDecipheriv(
      'aes-128-cbc',
      strictBase64(data.sessionKey, 16),
      strictBase64(data.iv, 16),
    );
    const plain = Buffer.concat([
      decipher.update(strictBase64(data.encryptedData)),
      decipher.final(),
    ]);
    return parsePhone(plain.toString('utf8'));
  } catch {
    throw new AppError('WECHAT_DECRYPT_FAILED', { details: { retryable: true } });
  }
}

/** Buffer.from(text, 'base64') skips characters it does not know; a mangled value must fail. */
function strictBase64(text: string, expectedBytes?: number): Buffer {
  if (typeof text !== 'string' || !BASE64.test(text)) throw new Error('not base64');

  const bytes = Buffer.from(text, 'base64');
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) throw new Error('bad length');
  return bytes;
}

function parsePhone(json: string): DecryptedPhone {
  const value = JSON.parse(json) as Partial<DecryptedPhone>;
  const fields = [value.phoneNumber, value.purePhoneNumber, value.countryCode];
  if (!fields.every((field) => typeof field === 'string')) throw new Error('not phone data');
  return value as DecryptedPhone;
}

export interface LegacyPhonePlaintext {
  sessionKey: string;
  appId: string;
  phoneNumber: string;
  purePhoneNumber?: string;
  countryCode?: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** base64 of 16 bytes; random when absent, as WeChat's is. */
  iv?: string;
}

/** What WeChat does on the phone: only the simulator and tests need this direction. */
export function encryptLegacyPhoneData(input: LegacyPhonePlaintext): {
  encryptedData: string;
  iv: string;
} {
  const iv = input.iv ? Buffer.from(input.iv, 'base64') : crypto.randomBytes(16);
  const plaintext = JSON.stringify({
    phoneNumber: input.phoneNumber,
    purePhoneNumber: input.purePhoneNumber ?? input.phoneNumber,
    countryCode: input.countryCode ?? '86',
    watermark: { timestamp: input.timestamp ?? Math.floor(Date.now() / 1000), appid: input.appId },
  });

  const cipher = crypto.createCipheriv('aes-128-cbc', Buffer.from(input.sessionKey, 'base64'), iv);
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { encryptedData: encrypted.toString('base64'), iv: iv.toString('base64') };
}

import crypto from 'node:crypto';

/** A JSON answer from any part of the stack; the demo reads fields by name. */
export interface JsonAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are read field by field
}

export async function callJson(
  url: string,
  options: { method?: string; body?: unknown; token?: string; timeoutMs?: number } = {},
): Promise<JsonAnswer> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  const response = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 90_000),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { text };
  }
  return { status: response.status, body };
}

/** Fails the day with the step's name and the error code only (never a personal value). */
export function expectStatus(answer: JsonAnswer, wanted: number, step: string): JsonAnswer {
  if (answer.status !== wanted)
    throw new Error(`${step}: answered ${answer.status} ${answer.body?.error?.code ?? ''}`.trim());
  return answer;
}

function digits(count: number): string {
  return Array.from({ length: count }, () => String(crypto.randomInt(10))).join('');
}

/** protocols/wechat-pay-micropay.md: 18 digits starting 10-15. */
export const wechatPaymentCode = () => `13${digits(16)}`;
/** protocols/alipay-barcode.md: 16-24 digits starting 25-30. */
export const alipayPaymentCode = () => `28${digits(16)}`;
/** Fake, random openids and payer ids: each run's personal values are its own. */
export const fakeOpenid = () => `oDemoDay${crypto.randomBytes(9).toString('base64url')}`;
export const fakeAlipayUserId = () => `2088${digits(12)}`;
export const fakePhone = () => `139${digits(8)}`;

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const letter = () => LETTERS[crypto.randomInt(LETTERS.length)]!;

/** A standard plate: province, letter, five characters. */
export const standardPlate = () => `粤${letter()}${digits(5)}`;
/** A small new-energy plate: D (battery) or F (hybrid) then five digits. */
export const newEnergyPlate = () => `粤${letter()}D${digits(5)}`;

/** The same plate with its last character read wrong, as a camera misreads it. */
export function misreadOf(plate: string): string {
  const last = plate.slice(-1);
  return `${plate.slice(0, -1)}${last === '8' ? '3' : '8'}`;
}

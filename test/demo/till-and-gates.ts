import crypto from 'node:crypto';
import { cometPoll, platePush, push } from '../../parking-adapter/test/support/camera';
import { callJson, expectStatus } from './demo-http';

export interface TillSale {
  amountFen: number;
  tender: 'payment-code' | 'cash';
  code?: string;
  memberCode?: string;
}

export interface TillResult {
  status: string;
  provider: string;
  linked: boolean;
  pointsAwarded: number;
}

let checkoutCounter = 0;

/** C-4.2.1.4: the till posts the sale to the pos-adapter, which signs it to the server. */
export async function payAtTill(tillApi: string, sale: TillSale): Promise<TillResult> {
  checkoutCounter += 1;
  const checkoutId = `D${Date.now().toString(36)}${checkoutCounter}`.slice(0, 24);
  const body = {
    checkoutId,
    amountFen: sale.amountFen,
    items: [{ sku: `SKU-${crypto.randomInt(1000, 9999)}`, fen: sale.amountFen }],
    tender: sale.tender,
    ...(sale.code ? { code: sale.code } : {}),
    ...(sale.memberCode ? { memberCode: sale.memberCode } : {}),
  };
  const answer = expectStatus(
    await callJson(`${tillApi}/checkouts`, { body, timeoutMs: 120_000 }),
    200,
    'till checkout',
  );
  return {
    status: String(answer.body.status),
    provider: String(answer.body.provider),
    linked: Boolean(answer.body.member),
    pointsAwarded: Number(answer.body.member?.pointsAwarded ?? 0),
  };
}

/** Asks the payment simulator to play this payer's part (USERPAYING, SYSTEMERROR, who pays). */
export async function scriptPayer(
  paymentScriptsUrl: string,
  script: { provider: 'wechat' | 'alipay'; code: string; scenario: object },
): Promise<void> {
  expectStatus(
    await callJson(`${paymentScriptsUrl}/script`, { body: script }),
    200,
    'script a payer',
  );
}

let plateRecordId = 50_000 + crypto.randomInt(100_000);

export interface GateReply {
  opened: boolean;
}

/** lpr-camera-push.md: the camera pushes its read; `info: ok` opens the barrier. */
export async function cameraRead(
  cameraUrl: string,
  serial: string,
  plate: string | null,
  minutesAgo = 0,
): Promise<GateReply> {
  plateRecordId += 1;
  const sec = Math.floor(Date.now() / 1000) - minutesAgo * 60;
  const reply = await push(
    cameraUrl,
    platePush({ serial, plate: plate ?? '_无_', plateid: plateRecordId, sec }),
  );
  return { opened: reply.reply.info === 'ok' };
}

/** The camera's comet poll: true once an "open once" instruction reaches this gate. */
export async function gateOpensOnPoll(cameraUrl: string, serial: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const reply = await cometPoll(cameraUrl, serial);
    if (reply.info === 'ok') return true;
  }
  return false;
}

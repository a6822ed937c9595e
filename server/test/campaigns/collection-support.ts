import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import type { RunningServer } from '../../src/server';
import type { StaffRole } from '../../src/staff/staff-roles';
import { send, sendJson } from '../support/http-client';
import { bearer, signUpWithWechat, type Choices } from '../support/member-flows';

export const HOUR = 60 * 60 * 1000;

export async function staffToken(server: RunningServer, role: StaffRole): Promise<string> {
  return (await server.services.staff.add(`${role} staff`, role)).token;
}

/** A campaign open now for a week, for the given stores, collecting a name (required). */
export function campaignBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'gift',
    title: '开业礼：帆布袋',
    description: '到店扫码领取帆布袋一个',
    stock: 10,
    perMemberLimit: 1,
    startsAt: new Date(Date.now() - HOUR).toISOString(),
    endsAt: new Date(Date.now() + 7 * 24 * HOUR).toISOString(),
    stores: ['S01'],
    collects: [
      { field: 'name', purpose: 'membership', required: true, why: '领取时核对领取人' },
      { field: 'phone', purpose: 'membership', required: false, why: '礼品到店时短信通知' },
    ],
    ...overrides,
  };
}

export interface CreatedCampaign {
  id: string;
  codes: Array<{ storeCode: string; token: string; scene: string; url: string }>;
}

export async function createCampaign(
  server: RunningServer,
  staff: string,
  overrides: Record<string, unknown> = {},
): Promise<CreatedCampaign> {
  const answer = await sendJson(
    server.url,
    'POST',
    '/v1/admin/campaigns',
    campaignBody(overrides),
    bearer(staff),
  );
  if (answer.status !== 201) throw new Error(`campaign not created: ${answer.text}`);
  return answer.body as CreatedCampaign;
}

let openidCounter = 0;

/** A new member through the WeChat simulator; returns the session token. */
export async function newMember(
  server: RunningServer,
  choices: Choices = { membership: true },
  extra: Record<string, unknown> = {},
  openid = `oCollect${process.pid}x${(openidCounter += 1)}`,
): Promise<string> {
  const { answer, token } = await signUpWithWechat(server, choices, extra, openid);
  if (answer.status !== 201) throw new Error(`sign-up failed: ${answer.text}`);
  return token;
}

export function claim(
  server: RunningServer,
  token: string,
  memberToken: string,
  fields: Record<string, string> = { name: '王小明' },
) {
  return sendJson(
    server.url,
    'POST',
    `/v1/campaigns/${encodeURIComponent(token)}/claims`,
    { fields },
    bearer(memberToken),
  );
}

export async function stockLeft(server: RunningServer, campaignId: string): Promise<number> {
  const row = await server.services.databases.core('campaigns').where({ id: campaignId }).first();
  return Number(row.stock_left);
}

/** Fetch a QR image as bytes (PNG) or text (SVG). */
export async function fetchQr(server: RunningServer, path: string, staff: string) {
  const response = await fetch(`${server.url}${path}`, { headers: bearer(staff) });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** Read a QR code in a PNG with jsQR, as a phone camera would. */
export function decodeQrPng(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

/**
 * Read a QR code in qrcode's SVG: its dark modules are one path of horizontal strokes
 * (`M<x> <y>h<n>m<dx> <dy>h<n>...`, centred on row y + 0.5). Rasterise that path at 8 pixels
 * per module and hand the bitmap to jsQR, so the SVG is checked by a reader too.
 */
export function decodeQrSvg(svg: string): string | undefined {
  const size = Number(/viewBox="0 0 (\d+) (\d+)"/.exec(svg)?.[1]);
  const path = /<path[^>]*stroke="[^"]+"[^>]*d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, command, args] of path.matchAll(/([MmHhVv])([^MmHhVv]*)/g)) {
    const numbers = args
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (command === 'M') [x, y] = numbers;
    if (command === 'm') [x, y] = [x + numbers[0], y + numbers[1]];
    if (command === 'h' || command === 'H') {
      const end = command === 'h' ? x + numbers[0] : numbers[0];
      for (let column = x; column < end; column += 1) dark.add(`${column},${Math.floor(y)}`);
      x = end;
    }
  }

  const scale = 8;
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const cell of dark) {
    const [column, row] = cell.split(',').map(Number);
    for (let dy = 0; dy < scale; dy += 1)
      for (let dx = 0; dx < scale; dx += 1) {
        const offset = ((row * scale + dy) * width + column * scale + dx) * 4;
        pixels.fill(0, offset, offset + 3);
      }
  }
  return jsQR(pixels, width, width)?.data;
}

export { send, sendJson, bearer };

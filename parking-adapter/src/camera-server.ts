import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  cometReply,
  continueOfflineReply,
  isPlatePush,
  plateReply,
  readHeartbeat,
  readPlatePush,
  unreadableReply,
  type ReplyOptions,
} from './camera-protocol';
import type { CommandBox } from './gate-commands';
import type { GateDecider } from './gate-decider';
import type { Logger } from './logger';
import { normalised } from './offline-decisions';
import type { ServerCommand } from './server-link';

// Pushes carry base64 images (which are dropped unread): allow for them, not for more.
const BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export interface CameraServerDependencies {
  decider: GateDecider;
  commands: CommandBox;
  replyOptions: ReplyOptions;
  cometHoldMs: number;
  onDelivered(command: ServerCommand): void;
  status(): object;
  log: Logger;
}

/**
 * The HTTP server the cameras push to (lpr-camera-push.md). Every answer is HTTP 200 JSON in
 * the camera's reply format, whatever happened: a camera reads anything else as "offline".
 */
export function createCameraServer(deps: CameraServerDependencies): http.Server {
  const server = http.createServer((request, response) => {
    void handle(deps, request, response).catch((error: unknown) => {
      deps.log.error({ err: error }, 'camera request failed');
      answer(response, unreadableReply());
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

async function handle(
  deps: CameraServerDependencies,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  if (request.method === 'GET' && request.url === '/healthz')
    return answer(response, deps.status());
  if (request.method !== 'POST') return answer(response, unreadableReply());

  const text = await readBody(request);
  const contentType = String(request.headers['content-type'] ?? '');
  const json = parseJson(text);
  if (isPlatePush(json)) return answer(response, await replyToPush(deps, json));

  const serial = readHeartbeat(text, contentType);
  if (!serial) return answer(response, unreadableReply());
  const command = await deps.commands.take(serial, deps.cometHoldMs);
  if (command) deps.onDelivered(command);
  answer(response, cometReply(command?.kind));
}

async function replyToPush(deps: CameraServerDependencies, body: unknown): Promise<object> {
  const push = readPlatePush(body);
  if (!push) return unreadableReply();

  const decided = await deps.decider.decide(push);
  deps.log.info(
    {
      serial: push.serial,
      recordId: push.recordId,
      open: decided.decision.open,
      reason: decided.decision.reason,
      decidedBy: decided.decidedBy,
    },
    'gate push answered',
  );
  if (decided.kind === 'cached') return continueOfflineReply(push.recordId);

  // The plate line and the spoken plate are added here: the server's answer never holds them.
  const plate = normalised(push.plate);
  const { decision } = decided;
  const shown = {
    open: decision.open,
    display: plate && decision.display.length > 0 ? [plate, ...decision.display] : decision.display,
    voice: plate && decision.voice ? `${plate}，${decision.voice}` : decision.voice,
  };
  return plateReply(push.recordId, shown, deps.replyOptions);
}

function answer(response: http.ServerResponse, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        request.destroy();
        reject(new Error('camera push too large'));
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function listen(server: http.Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
      resolve(`http://${shownHost}:${address.port}`);
    });
  });
}

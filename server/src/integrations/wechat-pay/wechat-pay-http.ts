import http from 'node:http';
import https from 'node:https';

/**
 * One XML POST to WeChat Pay over node:https rather than fetch: the /secapi/ paths need the
 * merchant's client certificate (mutual TLS), which fetch cannot present without an extra
 * dependency. The body carries the payment code and is never logged.
 */
export interface XmlPost {
  url: URL;
  xml: string;
  agent: http.Agent;
  timeoutMs: number;
}

export type XmlPostResult =
  | { delivered: true; status: number; text: string }
  | { delivered: false; reason: 'timeout' | 'network' };

const ANSWER_LIMIT_BYTES = 256 * 1024;

/** Never rejects: a timeout or a broken connection is an answer of its own (no answer). */
export function postXml(post: XmlPost): Promise<XmlPostResult> {
  return new Promise((resolve) => {
    let request: http.ClientRequest | undefined;
    let timedOut = false;
    // One deadline for the whole exchange, answer body included.
    const timer = setTimeout(() => {
      timedOut = true;
      request?.destroy();
    }, post.timeoutMs);
    const finish = (result: XmlPostResult) => {
      clearTimeout(timer);
      resolve(result); // later calls are no-ops: a promise settles once
    };
    const failed = () => finish({ delivered: false, reason: timedOut ? 'timeout' : 'network' });

    try {
      request = send(post);
    } catch {
      return failed();
    }
    request.on('response', (response) => readAnswer(response, finish, failed));
    request.on('error', failed);
    request.end(post.xml);
  });
}

function send(post: XmlPost): http.ClientRequest {
  const transport = post.url.protocol === 'https:' ? https : http;
  return transport.request(post.url, {
    method: 'POST',
    agent: post.agent,
    headers: {
      'Content-Type': 'text/xml; charset=utf-8',
      'Content-Length': Buffer.byteLength(post.xml),
    },
  });
}

function readAnswer(
  response: http.IncomingMessage,
  finish: (result: XmlPostResult) => void,
  failed: () => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > ANSWER_LIMIT_BYTES) response.destroy();
    else chunks.push(chunk);
  });
  response.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    finish({ delivered: true, status: response.statusCode ?? 0, text });
  });
  // A body cut off halfway is no answer: 'close' without 'end' (or 'error' after destroy).
  response.on('error', failed);
  response.on('close', () => {
    if (!response.complete) failed();
  });
}

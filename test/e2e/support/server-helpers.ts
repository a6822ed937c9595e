import type { RunningServer } from '../../../server/src/server';
import { sendJson } from '../../../server/test/support/http-client';
import { bearer } from '../../../server/test/support/member-flows';
import { memberGet } from './member-journeys';

/** The member's pseudonym, found the way staff tools would: by card number, never by name. */
export async function pseudonymOf(server: RunningServer, token: string): Promise<string> {
  const me = await memberGet(server, token, '/v1/me');
  const member = await server.services.members.findByCardNo(me.body.cardNo as string);
  if (!member?.pseudonym) throw new Error(`no member with card ${me.body.cardNo}`);

  return member.pseudonym;
}

export function sendMarketingMessage(server: RunningServer, staffToken: string, pseudonym: string) {
  return sendJson(
    server.url,
    'POST',
    '/v1/admin/marketing/messages',
    { pseudonym, templateId: 'tpl_demo', data: {} },
    bearer(staffToken),
  );
}

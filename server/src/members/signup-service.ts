import { AppError, assertFieldsAllowed, CONSENT_PURPOSES, type PurposeId } from '@memberkit/shared';
import type { SessionService } from '../auth/session-service';
import type { SignupTickets } from '../auth/signup-ticket';
import type { ConsentService } from '../consent/consent-service';
import type { IdentityVault } from '../vault/identity-vault';
import type { IdentifierKind } from '../vault/identity-fields';
import type { SignUpInput } from './member-schemas';
import { collectedFields, toVaultProfile } from './profile-mapping';

/**
 * "Become a member" (C-4.2.1.1, C-4.2.1.3a): consents first, then only the fields those
 * consents allow (C-4.1.3a); sensitive values only under their separate consent (C-4.1.2c).
 * Consents and the member are written together, so a consent is on record before any phone.
 */
export class SignupService {
  constructor(
    private readonly vault: IdentityVault,
    private readonly consents: ConsentService,
    private readonly sessions: SessionService,
    private readonly tickets: SignupTickets,
  ) {}

  async signUp(
    input: SignUpInput,
  ): Promise<{ memberId: string; cardNo: string; session: { token: string; expiresAt: string } }> {
    const ticket = this.tickets.open(input.ticket);
    const granted = grantedPurposes(input.choices);
    checkChoices(input, granted);

    const identifiers: Array<{ kind: IdentifierKind; value: string }> = [];
    if (ticket.openid) identifiers.push({ kind: 'wechat_openid', value: ticket.openid });
    if (ticket.verifiedPhone) identifiers.push({ kind: 'phone', value: ticket.verifiedPhone });
    if (input.optional.plate) identifiers.push({ kind: 'plate', value: input.optional.plate });
    if (
      ticket.openid &&
      (await this.vault.findMemberByIdentifier('wechat_openid', ticket.openid))
    ) {
      throw new AppError('ALREADY_MEMBER');
    }

    const member = await this.vault
      .createMember({
        joinedVia: input.guideCode ? `guide:${input.guideCode}` : input.channel,
        profile: toVaultProfile(input.profile, input.optional) as Record<string, string>,
        identifiers,
        sensitive: input.optional.residentId
          ? [{ kind: 'resident_id', value: input.optional.residentId }]
          : [],
        withinCreation: (stores, created) =>
          this.consents.recordChoices(
            stores.core,
            created.pseudonym as string,
            completeChoices(input.choices),
            input.noticeVersion,
            input.channel,
          ),
      })
      .catch(rethrowOpenidTaken);
    const session = await this.sessions.issue(member.id, input.channel, ticket.sessionKey);
    return { memberId: member.id, cardNo: member.cardNo as string, session };
  }
}

/**
 * A double tap on "join" sends one ticket twice at once: both pass the ALREADY_MEMBER check
 * and the slower one meets the openid's unique blind index. That shopper is already a member.
 */
function rethrowOpenidTaken(error: unknown): never {
  const openidTaken =
    error instanceof AppError &&
    error.code === 'IDENTIFIER_ALREADY_BOUND' &&
    error.details?.kind === 'wechat_openid';
  throw openidTaken ? new AppError('ALREADY_MEMBER') : error;
}

function grantedPurposes(choices: SignUpInput['choices']): PurposeId[] {
  return (Object.entries(choices) as Array<[PurposeId, boolean]>)
    .filter(([, granted]) => granted)
    .map(([purpose]) => purpose);
}

function checkChoices(input: SignUpInput, granted: PurposeId[]): void {
  if (!granted.includes('membership')) throw new AppError('BASIC_CONSENT_REQUIRED');
  if (input.optional.residentId && !granted.includes('sensitive_id')) {
    throw new AppError('SENSITIVE_CONSENT_REQUIRED', { details: { field: 'resident_id' } });
  }
  const fields = collectedFields(input.profile, input.optional);
  assertFieldsAllowed(fields, granted);
}

/** U-6.6.1b: extended purposes not chosen are recorded as refused, never silently on. */
function completeChoices(choices: SignUpInput['choices']): SignUpInput['choices'] {
  const complete: SignUpInput['choices'] = {};
  for (const purpose of Object.keys(CONSENT_PURPOSES) as PurposeId[])
    complete[purpose] = choices[purpose] === true;
  return complete;
}

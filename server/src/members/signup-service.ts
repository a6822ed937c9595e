import { AppError, assertFieldsAllowed, CONSENT_PURPOSES, type PurposeId } from '@memberkit/shared';
import type { SessionService } from '../auth/session-service';
import type { SignupTickets } from '../auth/signup-ticket';
import type { UsedSignupTickets } from '../auth/used-signup-tickets';
import type { ConsentService } from '../consent/consent-service';
import type { IdentityVault } from '../vault/identity-vault';
import type { IdentifierKind } from '../vault/identity-fields';
import type { SignUpInput } from './member-schemas';
import { hideIdentifierHolder } from './binding-refusal';
import { collectedFields, toVaultProfile } from './profile-mapping';

const PURGE_EVERY_MS = 10 * 60_000;

/**
 * "Become a member" (C-4.2.1.1, C-4.2.1.3a): consents first, then only the fields those
 * consents allow (C-4.1.3a); sensitive values only under their separate consent (C-4.1.2c).
 * Consents and the member are written together, so a consent is on record before any phone.
 */
export class SignupService {
  private nextPurgeAt = 0;

  constructor(
    private readonly vault: IdentityVault,
    private readonly consents: ConsentService,
    private readonly sessions: SessionService,
    private readonly tickets: SignupTickets,
    private readonly usedTickets: UsedSignupTickets,
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
    // Checked again, for certain, inside the write (markUsed); this spares the work before it.
    if (await this.usedTickets.isUsed(ticket.ticketId)) throw new AppError('SIGNUP_TICKET_USED');

    const member = await this.vault
      .createMember({
        joinedVia: input.guideCode ? `guide:${input.guideCode}` : input.channel,
        profile: toVaultProfile(input.profile, input.optional) as Record<string, string>,
        identifiers,
        sensitive: input.optional.residentId
          ? [{ kind: 'resident_id', value: input.optional.residentId }]
          : [],
        withinCreation: async (stores, created) => {
          await this.usedTickets.markUsed(stores.core, ticket.ticketId, new Date(ticket.expiresAt));
          await this.consents.recordChoices(
            stores.core,
            created.pseudonym as string,
            completeChoices(input.choices),
            input.noticeVersion,
            input.channel,
          );
        },
      })
      .catch(answerWithoutOracle);
    const session = await this.sessions.issue(member.id, input.channel, ticket.sessionKey);
    await this.purgeUsedTicketsNowAndThen();
    return { memberId: member.id, cardNo: member.cardNo as string, session };
  }

  /**
   * Used-ticket records outlive their tickets by nothing useful: drop the expired ones at most
   * every few minutes, after a sign-up has committed. A purge that fails is simply retried
   * after a later sign-up; the shopper's sign-up is already done.
   */
  private async purgeUsedTicketsNowAndThen(): Promise<void> {
    if (Date.now() < this.nextPurgeAt) return;
    this.nextPurgeAt = Date.now() + PURGE_EVERY_MS;
    await this.usedTickets.purgeExpired().catch(() => undefined);
  }
}

/**
 * What a refused sign-up may tell the caller. A double tap on "join" sends one ticket twice at
 * once: both pass the ALREADY_MEMBER check and the slower one meets the openid's unique blind
 * index; that shopper is already a member. A phone was proven by the ticket's SMS code, so its
 * owner may learn it is taken. An ID number or plate proves nothing about the caller, so that
 * refusal is the generic BINDING_REFUSED (binding-refusal.ts).
 */
function answerWithoutOracle(error: unknown): never {
  const isTaken = error instanceof AppError && error.code === 'IDENTIFIER_ALREADY_BOUND';
  if (isTaken && error.details?.kind === 'wechat_openid') throw new AppError('ALREADY_MEMBER');
  if (isTaken && error.details?.kind === 'phone') throw new AppError('PHONE_ALREADY_REGISTERED');
  return hideIdentifierHolder(error);
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

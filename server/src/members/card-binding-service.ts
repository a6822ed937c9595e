import { AppError } from '@memberkit/shared';
import type { Databases } from '../platform/db/databases';
import type { VaultCipher } from '../platform/crypto/vault-cipher';
import type { IdentityVault } from '../vault/identity-vault';
import type { OfflineCardRepository } from './offline-card-repository';
import { bindingRefused } from './binding-refusal';
import type { PointsRepository } from './points-repository';

/**
 * C-4.2.1.3a: a shopper with an offline card binds it; the card must be registered to the
 * member's own bound phone, and its points move to the member once. A card that is unknown, on
 * another phone or bound to someone else is refused alike (C-4.1.4a): card numbers are short
 * and printed, so any difference would tell a stranger which cards exist and are in use.
 */
export class CardBindingService {
  constructor(
    private readonly databases: Databases,
    private readonly vault: IdentityVault,
    private readonly cipher: VaultCipher,
    private readonly cards: OfflineCardRepository,
    private readonly points: PointsRepository,
  ) {}

  async bind(
    memberId: string,
    cardNo: string,
  ): Promise<{ cardNo: string; pointsMoved: number; balance: number }> {
    const member = await this.vault.requireActive(memberId);
    const pseudonym = member.pseudonym as string;
    const [phone] = await this.vault.readIdentifiers(memberId, 'phone', {
      actor: `member:${pseudonym}`,
      purpose: 'membership',
    });
    if (!phone) throw new AppError('PHONE_NOT_BOUND');
    const card = await this.cards.find(cardNo);
    if (!card) throw bindingRefused(new AppError('CARD_NOT_FOUND'));
    if (card.boundPseudonym) throw alreadyBound(card.boundPseudonym, pseudonym);
    if (!this.cipher.blindIndexCandidates('phone', phone).includes(card.phoneIndex))
      throw bindingRefused(new AppError('CARD_PHONE_MISMATCH'));

    await this.databases.core.transaction(async (trx) => {
      if (!(await this.cards.bind(trx, cardNo, pseudonym))) {
        const boundTo = (await this.cards.find(cardNo, trx))?.boundPseudonym ?? null;
        throw alreadyBound(boundTo, pseudonym);
      }
      if (card.points !== 0) {
        await this.points.append(trx, {
          pseudonym,
          entryType: 'transfer',
          points: card.points,
          sourceKey: `card:${cardNo}`,
          explanation: { rule: 'offline-card-transfer', cardNo },
        });
      }
    });
    return { cardNo, pointsMoved: card.points, balance: await this.points.balance(pseudonym) };
  }
}

/** Bound to this member already: theirs to know. Bound to anyone else: the generic refusal. */
function alreadyBound(boundPseudonym: string | null, pseudonym: string): AppError {
  const ownCard = boundPseudonym === pseudonym;
  return ownCard
    ? new AppError('CARD_ALREADY_BOUND')
    : bindingRefused(new AppError('CARD_ALREADY_BOUND'));
}

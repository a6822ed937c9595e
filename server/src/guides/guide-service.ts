import { AppError, normaliseBase32Text, NotFoundError } from '@memberkit/shared';
import { nowSql } from '../platform/db/sql-time';
import type { CollectionTokens } from '../campaigns/collection-tokens';
import { qrTargets, type QrTargets } from '../campaigns/qr-codes';
import { newCode, newRowId } from '../campaigns/random-codes';
import type { GuideRepository, ShoppingGuide } from './guide-repository';

const GUIDE_CODE_LENGTH = 8;
const CREATE_ATTEMPTS = 5;

export interface NewGuideInput {
  displayName: string;
  storeCode: string;
  joiningRewardPoints: number;
}

/**
 * Shopping guides at counters (C-4.2.2.2). Each guide's QR code opens the sign-up with the
 * guide's code, so the sign-up is recorded as `guide:<code>`; the joining reward is shown
 * before the shopper decides. The code is random (40 bits): a mistyped or made-up code
 * matches no guide and is reported apart, never credited to someone.
 */
export class GuideService {
  constructor(
    private readonly repository: GuideRepository,
    private readonly tokens: CollectionTokens,
  ) {}

  async create(input: NewGuideInput, staffId: string, origin: string) {
    for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt += 1) {
      const guide: ShoppingGuide = {
        id: newRowId('gd'),
        code: newCode(GUIDE_CODE_LENGTH),
        ...input,
        createdBy: `staff:${staffId}`,
        createdAt: nowSql(),
      };
      if (await this.repository.insert(guide)) return this.describe(guide, origin);
    }
    throw new AppError('CONFLICT');
  }

  async list(origin: string) {
    return (await this.repository.list()).map((guide) => this.describe(guide, origin));
  }

  async qrFor(guideId: string, origin: string): Promise<QrTargets> {
    return this.targetsOf(await this.requireGuide(guideId), origin);
  }

  /** What the shopper sees after scanning a guide's code, before signing up. */
  async landing(tokenText: string) {
    const { body } = this.tokens.verify(tokenText, 'guide');
    const guide = await this.repository.findByCode(body);
    if (!guide) throw new NotFoundError('GUIDE_NOT_FOUND');
    return {
      guideCode: guide.code,
      displayName: guide.displayName,
      storeCode: guide.storeCode,
      joiningReward: {
        points: guide.joiningRewardPoints,
        // C-4.2.2.2: "points reward explained".
        text:
          guide.joiningRewardPoints > 0
            ? `通过导购注册成为会员，可获得 ${guide.joiningRewardPoints} 积分入会礼。`
            : '通过导购注册成为会员，享受会员积分与权益。',
      },
      signupPage: `pages/signup/index?guideCode=${guide.code}`,
    };
  }

  /** Sign-ups per guide, plus those whose guide code matches no guide; no identities. */
  async report(window: { from?: Date; to?: Date }) {
    const guides = await this.repository.list();
    const counts = new Map<string, { signUps: number; active: number }>();
    for (const row of await this.repository.signupsByGuideCode(window)) {
      const code = normaliseBase32Text(row.code);
      const sum = counts.get(code) ?? { signUps: 0, active: 0 };
      counts.set(code, { signUps: sum.signUps + row.signUps, active: sum.active + row.active });
    }

    const known = new Set(guides.map((guide) => guide.code));
    const unmatched = [...counts.entries()].filter(([code]) => !known.has(code));
    return {
      from: window.from?.toISOString() ?? null,
      to: window.to?.toISOString() ?? null,
      guides: guides
        .map((guide) => ({
          guideId: guide.id,
          guideCode: guide.code,
          displayName: guide.displayName,
          storeCode: guide.storeCode,
          signUps: counts.get(guide.code)?.signUps ?? 0,
          stillMembers: counts.get(guide.code)?.active ?? 0,
        }))
        .sort((a, b) => b.signUps - a.signUps),
      unmatchedSignUps: unmatched.reduce((total, [, count]) => total + count.signUps, 0),
    };
  }

  private describe(guide: ShoppingGuide, origin: string) {
    return {
      id: guide.id,
      guideCode: guide.code,
      displayName: guide.displayName,
      storeCode: guide.storeCode,
      joiningRewardPoints: guide.joiningRewardPoints,
      code: this.targetsOf(guide, origin),
    };
  }

  private targetsOf(guide: ShoppingGuide, origin: string): QrTargets {
    return qrTargets('guide', this.tokens.sign('guide', guide.code), origin);
  }

  private async requireGuide(guideId: string): Promise<ShoppingGuide> {
    const guide = await this.repository.findById(guideId);
    if (!guide) throw new NotFoundError('GUIDE_NOT_FOUND');
    return guide;
  }
}

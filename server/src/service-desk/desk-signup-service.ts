import { AppError, CONSENT_PURPOSES, NotFoundError } from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import type { SignUpInput } from '../members/member-schemas';
import type { SignupService } from '../members/signup-service';
import { fromSqlDateTime, nowSql, toSqlDateTime } from '../platform/db/sql-time';
import type { CollectionTokens } from '../campaigns/collection-tokens';
import { qrTargets, type QrTargets } from '../campaigns/qr-codes';
import { newCode, newRowId } from '../campaigns/random-codes';
import type { DeskSignup, DeskSignupRepository } from './desk-signup-repository';

const DESK_CODE_LENGTH = 8;
const CREATE_ATTEMPTS = 5;
/** Long enough to log in and read the notice on the phone, short enough to leave no stale code. */
export const DESK_SIGNUP_MINUTES = 15;

export type DeskJoinInput = Omit<SignUpInput, 'channel'>;

/**
 * Service-desk sign-up (C-4.2.2.1). A staff device starts it and shows a QR code; the shopper
 * scans it, logs in on their own phone and consents there. Staff can start and watch, never
 * consent: no staff route takes a consent, and joining needs the shopper's own sign-up ticket.
 */
export class DeskSignupService {
  constructor(
    private readonly repository: DeskSignupRepository,
    private readonly tokens: CollectionTokens,
    private readonly signup: SignupService,
    private readonly consents: ConsentService,
  ) {}

  async start(staffId: string, storeCode: string | undefined, origin: string) {
    for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt += 1) {
      const signup: DeskSignup = {
        id: newRowId('ds'),
        code: newCode(DESK_CODE_LENGTH),
        staffId,
        storeCode: storeCode ?? null,
        status: 'open',
        expiresAt: toSqlDateTime(new Date(Date.now() + DESK_SIGNUP_MINUTES * 60_000)),
        completedAt: null,
        createdAt: nowSql(),
      };
      if (await this.repository.insert(signup))
        return { ...this.statusOf(signup), code: this.targetsOf(signup, origin) };
    }
    throw new AppError('CONFLICT');
  }

  /** What the staff screen polls: open, used (the shopper finished) or expired. */
  async status(id: string) {
    return this.statusOf(await this.requireById(id));
  }

  async qrFor(id: string, origin: string): Promise<QrTargets> {
    return this.targetsOf(await this.requireById(id), origin);
  }

  /** On the shopper's phone: the fields a sign-up collects and that the phone is optional. */
  async describe(tokenText: string) {
    const signup = await this.requireByToken(tokenText);
    assertUsable(signup);
    const notice = await this.consents.currentNotice();
    return {
      expiresAt: isoOf(signup.expiresAt),
      channel: 'service-desk' as const,
      noticeVersion: notice.version,
      // C-4.2.2.1: the listed fields, by purpose, as the current notice allows them.
      purposes: Object.values(CONSENT_PURPOSES).map((purpose) => ({
        purpose: purpose.id,
        kind: purpose.kind,
        title: purpose.title,
        fields: notice.scope[purpose.id] ?? [],
      })),
      phoneBinding: {
        optional: true,
        text: '绑定手机号为选填项：不绑定也能完成注册并使用会员服务，之后可随时在“我的”中绑定。',
      },
    };
  }

  /** The shopper's own sign-up, recorded with channel 'service-desk'; the code works once. */
  async join(tokenText: string, input: DeskJoinInput) {
    const signup = await this.requireByToken(tokenText);
    assertUsable(signup);
    if (!(await this.repository.reserve(signup.code))) {
      assertUsable((await this.repository.findByCode(signup.code)) ?? signup);
      throw new AppError('DESK_SIGNUP_USED');
    }

    try {
      return await this.signup.signUp({ ...input, channel: 'service-desk' });
    } catch (error) {
      await this.repository.release(signup.code);
      throw error;
    }
  }

  private statusOf(signup: DeskSignup) {
    const expired = signup.status === 'open' && isPast(signup.expiresAt);
    return {
      id: signup.id,
      status: expired ? ('expired' as const) : signup.status,
      storeCode: signup.storeCode,
      expiresAt: isoOf(signup.expiresAt),
      completedAt: signup.completedAt ? isoOf(signup.completedAt) : null,
    };
  }

  private targetsOf(signup: DeskSignup, origin: string): QrTargets {
    return qrTargets('desk', this.tokens.sign('desk', signup.code), origin);
  }

  private async requireById(id: string): Promise<DeskSignup> {
    const signup = await this.repository.findById(id);
    if (!signup) throw new NotFoundError('DESK_SIGNUP_NOT_FOUND');
    return signup;
  }

  private async requireByToken(tokenText: string): Promise<DeskSignup> {
    const { body } = this.tokens.verify(tokenText, 'desk');
    const signup = await this.repository.findByCode(body);
    if (!signup) throw new NotFoundError('DESK_SIGNUP_NOT_FOUND');
    return signup;
  }
}

function assertUsable(signup: DeskSignup): void {
  if (signup.status === 'used') throw new AppError('DESK_SIGNUP_USED');
  if (isPast(signup.expiresAt)) throw new AppError('DESK_SIGNUP_EXPIRED');
}

function isPast(sqlTime: string): boolean {
  return fromSqlDateTime(sqlTime).getTime() <= Date.now();
}

function isoOf(sqlTime: string): string {
  return fromSqlDateTime(sqlTime).toISOString();
}

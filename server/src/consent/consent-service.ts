import crypto from 'node:crypto';
import type { Knex } from 'knex';
import {
  AppError,
  CONSENT_PURPOSES,
  PURPOSE_IDS,
  type CollectedField,
  type PurposeId,
} from '@memberkit/shared';
import type { AuditLog } from '../platform/audit/audit-log';
import { isUniqueViolation } from '../platform/db/database-errors';
import type { ConsentRecord, ConsentRepository } from './consent-repository';
import { defaultNoticeScope, defaultNoticeText } from './default-notice';
import type { NoticeRepository, NoticeScope, PrivacyNotice } from './notice-repository';

export interface PurposeState {
  purpose: PurposeId;
  kind: 'basic' | 'extended';
  status: 'granted' | 'refused' | 'withdrawn' | 'none';
  noticeVersion: number | null;
  needsReconsent: boolean;
  /** May the product use data for this purpose right now? */
  active: boolean;
  /** Should the mini-program ask again (U-6.1.2), knowing a refusal is never asked again? */
  askAgain: boolean;
}

export type ConsentChoices = Partial<Record<PurposeId, boolean>>;

/**
 * Consents and privacy notices (C-4.1.2a-c, C-4.1.3b, U-6.1.1, U-6.1.2, U-6.6.1b). Every use of
 * personal data asks `require` first: no consent, no use.
 */
export class ConsentService {
  constructor(
    private readonly knex: Knex,
    private readonly consents: ConsentRepository,
    private readonly notices: NoticeRepository,
    private readonly audit: AuditLog,
  ) {}

  async ensureDefaultNotice(): Promise<void> {
    if (await this.notices.latest()) return;
    const text = defaultNoticeText();
    try {
      await this.notices.insert(this.knex, {
        version: 1,
        text,
        textHash: hashText(text),
        scope: defaultNoticeScope(),
        publishedBy: 'system:default',
      });
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_PRIMARYKEY: another server published it first.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  async currentNotice(): Promise<PrivacyNotice> {
    const notice = await this.notices.latest();
    if (!notice) throw new AppError('NOTICE_NOT_FOUND');
    return notice;
  }

  /** Record the shopper's choices for the notice version they read; refusals are recorded too. */
  async recordChoices(
    executor: Knex | Knex.Transaction,
    pseudonym: string,
    choices: ConsentChoices,
    noticeVersion: number,
    channel: string,
  ): Promise<void> {
    // A member cannot stay on with membership refused (their data would be kept without its
    // basic consent): leaving is the one withdraw action, which closes the account (D-7.2).
    if (choices.membership === false) throw new AppError('BASIC_CONSENT_REQUIRED');
    await this.requireCurrentVersion(noticeVersion, executor);
    for (const [purpose, granted] of Object.entries(choices) as Array<[PurposeId, boolean]>) {
      await this.consents.decide(executor, {
        pseudonym,
        purpose,
        noticeVersion,
        status: granted ? 'granted' : 'refused',
        channel,
      });
    }
  }

  async withdraw(
    executor: Knex | Knex.Transaction,
    pseudonym: string,
    purpose: PurposeId,
    channel = 'weapp',
  ): Promise<number> {
    return this.consents.withdraw(executor, pseudonym, purpose, channel);
  }

  /** The append-only timeline of every decision (grants, refusals, withdrawals). */
  async events(pseudonym: string) {
    return this.consents.events(pseudonym);
  }

  async states(pseudonym: string, executor?: Knex | Knex.Transaction): Promise<PurposeState[]> {
    const latest = new Map(
      (await this.consents.latestPerPurpose(pseudonym, executor)).map((record) => [
        record.purpose,
        record,
      ]),
    );
    return PURPOSE_IDS.map((purpose) => toState(purpose, latest.get(purpose)));
  }

  async activePurposes(
    pseudonym: string,
    executor?: Knex | Knex.Transaction,
  ): Promise<PurposeId[]> {
    return (await this.states(pseudonym, executor))
      .filter((state) => state.active)
      .map((state) => state.purpose);
  }

  /** U-6.1.1: throw unless the purpose is consented and, for extended ones, current. */
  async require(pseudonym: string, purpose: PurposeId): Promise<void> {
    const state = (await this.states(pseudonym)).find(
      (candidate) => candidate.purpose === purpose,
    ) as PurposeState;
    if (state.active) return;
    const code =
      state.status === 'granted' && state.needsReconsent
        ? 'RECONSENT_REQUIRED'
        : 'CONSENT_REQUIRED';
    throw new AppError(code, { details: { purpose } });
  }

  /** C-4.1.3a: the fields the member's active consents allow, under the notice they agreed to. */
  async allowedFields(
    pseudonym: string,
    executor?: Knex | Knex.Transaction,
  ): Promise<Set<CollectedField>> {
    const latest = await this.consents.latestPerPurpose(pseudonym, executor);
    const allowed = new Set<CollectedField>();
    for (const record of latest) {
      if (!toState(record.purpose, record).active) continue;
      const notice = await this.notices.find(record.noticeVersion);
      for (const field of notice?.scope[record.purpose] ?? []) allowed.add(field);
    }
    return allowed;
  }

  async history(pseudonym: string): Promise<ConsentRecord[]> {
    return this.consents.history(pseudonym);
  }

  /** U-6.1.2: publish a new notice; consents whose purpose widened must be given again. */
  async publishNotice(
    text: string,
    scope: NoticeScope,
    actor: string,
  ): Promise<{ version: number; widened: PurposeId[]; marked: number }> {
    validateScope(scope);
    const previous = await this.currentNotice();
    const version = previous.version + 1;
    // A purpose the new notice does not mention keeps its fields: publishing a change to one
    // purpose must not silently empty the others.
    const fullScope: NoticeScope = { ...previous.scope, ...scope };
    const widened = widenedPurposes(previous.scope, fullScope);
    let marked = 0;
    await this.knex.transaction(async (trx) => {
      await this.notices.insert(trx, {
        version,
        text,
        textHash: hashText(text),
        scope: fullScope,
        publishedBy: actor,
      });
      marked = await this.consents.markNeedsReconsent(trx, widened, version);
    });
    await this.audit.record([
      {
        actor,
        action: 'notice.publish',
        purpose: 'compliance',
        details: { version, widened, marked },
      },
    ]);
    return { version, widened, marked };
  }

  async anonymise(
    executor: Knex | Knex.Transaction,
    pseudonym: string,
    anonymous: string,
  ): Promise<number> {
    return this.consents.anonymise(executor, pseudonym, anonymous);
  }

  /** Inside a write, read through its transaction: SQLite has one connection, held by it. */
  private async requireCurrentVersion(
    noticeVersion: number,
    executor: Knex | Knex.Transaction,
  ): Promise<void> {
    const current = await this.notices.latest(executor);
    if (!current) throw new AppError('NOTICE_NOT_FOUND');
    if (noticeVersion !== current.version) {
      throw new AppError(
        noticeVersion > current.version ? 'NOTICE_NOT_FOUND' : 'NOTICE_VERSION_OUTDATED',
        { details: { currentVersion: current.version } },
      );
    }
  }
}

function toState(purpose: PurposeId, record: ConsentRecord | undefined): PurposeState {
  const kind = CONSENT_PURPOSES[purpose].kind;
  if (!record)
    return {
      purpose,
      kind,
      status: 'none',
      noticeVersion: null,
      needsReconsent: false,
      active: false,
      askAgain: false,
    };
  const granted = record.status === 'granted';
  const active = granted && (kind === 'basic' || !record.needsReconsent);
  return {
    purpose,
    kind,
    status: record.status,
    noticeVersion: record.noticeVersion,
    needsReconsent: record.needsReconsent,
    active,
    askAgain: granted && record.needsReconsent,
  };
}

function widenedPurposes(before: NoticeScope, after: NoticeScope): PurposeId[] {
  return (Object.keys(after) as PurposeId[]).filter((purpose) => {
    const previous = new Set(before[purpose] ?? []);
    return (after[purpose] ?? []).some((field) => !previous.has(field));
  });
}

function validateScope(scope: NoticeScope): void {
  for (const [purpose, fields] of Object.entries(scope)) {
    if (!(purpose in CONSENT_PURPOSES))
      throw new AppError('VALIDATION_FAILED', {
        details: { issues: [{ path: `scope.${purpose}`, problem: 'unknown purpose' }] },
      });
    if (!Array.isArray(fields))
      throw new AppError('VALIDATION_FAILED', {
        details: { issues: [{ path: `scope.${purpose}`, problem: 'not a list' }] },
      });
  }
}

function hashText(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

import type { CollectedField, PurposeId } from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import type { NoticeRepository, PrivacyNotice } from '../consent/notice-repository';

export type FieldsByPurpose = ReadonlyMap<PurposeId, ReadonlySet<CollectedField>>;

/**
 * The fields each of a member's active purposes allows, under the notice version that purpose
 * was agreed to. C-4.1.3b: a name given for membership is not a name given for a survey, so
 * collection checks the purpose it collects for, never the union of everything consented.
 */
export class PurposeFields {
  // Published notices never change, so a version read once stays right.
  private readonly notices = new Map<number, Promise<PrivacyNotice | undefined>>();

  constructor(
    private readonly consents: ConsentService,
    private readonly noticeRepository: NoticeRepository,
  ) {}

  async active(pseudonym: string): Promise<FieldsByPurpose> {
    const fields = new Map<PurposeId, ReadonlySet<CollectedField>>();
    for (const state of await this.consents.states(pseudonym)) {
      if (!state.active || state.noticeVersion === null) continue;
      const notice = await this.notice(state.noticeVersion);
      fields.set(state.purpose, new Set(notice?.scope[state.purpose] ?? []));
    }
    return fields;
  }

  private notice(version: number): Promise<PrivacyNotice | undefined> {
    let pending = this.notices.get(version);
    if (!pending) {
      pending = this.noticeRepository.find(version);
      pending
        .then((found) => found ?? this.notices.delete(version))
        .catch(() => this.notices.delete(version));
      this.notices.set(version, pending);
    }
    return pending;
  }
}

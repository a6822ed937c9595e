import {
  assertCampaignOpen,
  assertCampaignTerms,
  assertClaimFields,
  assertWithinMemberLimit,
  campaignWindowState,
  normaliseClaimValues,
  purposesForFields,
  type CampaignTerms,
  type DeclaredField,
} from '../../src/campaigns/claim-rules';
import type { CollectedField, PurposeId } from '../../src/consent/consent-purposes';

const START = new Date('2025-05-01T02:00:00Z');
const END = new Date('2025-05-08T02:00:00Z');

const NAME: DeclaredField = {
  field: 'name',
  purpose: 'membership',
  required: true,
  why: '核对领取人',
};
const PHONE: DeclaredField = {
  field: 'phone',
  purpose: 'membership',
  required: false,
  why: '到货通知',
};
const ID_NUMBER: DeclaredField = {
  field: 'resident_id',
  purpose: 'sensitive_id',
  required: false,
  why: '实名登记礼品',
};

const TERMS: CampaignTerms = {
  startsAt: START,
  endsAt: END,
  stock: 10,
  perMemberLimit: 1,
  stores: ['S01', 'S02'],
  collects: [NAME, PHONE],
};

const MEMBERSHIP_ONLY = new Map<PurposeId, ReadonlySet<CollectedField>>([
  ['membership', new Set<CollectedField>(['name', 'phone', 'address', 'birth_date'])],
]);

function codeOf(run: () => unknown): { code?: string; details?: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; details?: Record<string, unknown> };
  }
  return {};
}

describe('claim rules (C-4.2.2.3, C-4.2.2.4, C-4.1.3a)', () => {
  describe('campaign terms', () => {
    it('accepts a well-formed campaign', () => {
      expect(() => assertCampaignTerms(TERMS)).not.toThrow();
    });

    it.each([
      ['an end before the start', { endsAt: START, startsAt: END }, 'window'],
      ['an empty window', { endsAt: START }, 'window'],
      ['no stock', { stock: 0 }, 'stock'],
      ['a fractional stock', { stock: 1.5 }, 'stock'],
      ['a per-member limit of 0', { perMemberLimit: 0 }, 'per-member limit'],
      ['no stores', { stores: [] }, 'stores'],
      ['a store twice', { stores: ['S01', 'S01'] }, 'stores'],
    ])('refuses %s with CAMPAIGN_INVALID', (_label, change, reason) => {
      const error = codeOf(() => assertCampaignTerms({ ...TERMS, ...change }));

      expect(error.code).toBe('CAMPAIGN_INVALID');
      expect(error.details?.reason).toBe(reason);
    });

    it('C-4.1.1 refuses a field under a purpose whose notice does not list it', () => {
      const error = codeOf(() =>
        assertCampaignTerms({
          ...TERMS,
          collects: [{ field: 'resident_id', purpose: 'membership', required: false, why: '实名' }],
        }),
      );

      expect(error).toMatchObject({
        code: 'CAMPAIGN_INVALID',
        details: { field: 'resident_id', purpose: 'membership' },
      });
    });

    it('C-4.2.2.3 refuses a campaign that makes the phone number required', () => {
      const error = codeOf(() =>
        assertCampaignTerms({ ...TERMS, collects: [{ ...PHONE, required: true }] }),
      );

      expect(error).toMatchObject({ code: 'CAMPAIGN_INVALID', details: { field: 'phone' } });
    });

    it('C-4.1.2a refuses a field without a reason shown to the shopper', () => {
      const error = codeOf(() =>
        assertCampaignTerms({ ...TERMS, collects: [{ ...NAME, why: ' ' }] }),
      );

      expect(error).toMatchObject({ code: 'CAMPAIGN_INVALID', details: { field: 'name' } });
    });

    it('refuses a field declared twice', () => {
      const error = codeOf(() => assertCampaignTerms({ ...TERMS, collects: [NAME, NAME] }));

      expect(error.code).toBe('CAMPAIGN_INVALID');
    });

    it('accepts a campaign that collects nothing', () => {
      expect(() => assertCampaignTerms({ ...TERMS, collects: [] })).not.toThrow();
    });
  });

  describe('the time window', () => {
    it.each([
      ['a millisecond before the start', '2025-05-01T01:59:59.999Z', 'upcoming'],
      ['at the start', '2025-05-01T02:00:00.000Z', 'open'],
      ['a millisecond before the end', '2025-05-08T01:59:59.999Z', 'open'],
      ['at the end', '2025-05-08T02:00:00.000Z', 'ended'],
    ])('is %s -> %s', (_label, now, state) => {
      expect(campaignWindowState(TERMS, new Date(now))).toBe(state);
    });

    it('refuses a claim before the start with CAMPAIGN_NOT_STARTED and after the end with CAMPAIGN_ENDED', () => {
      expect(codeOf(() => assertCampaignOpen(TERMS, new Date('2025-04-30T00:00:00Z'))).code).toBe(
        'CAMPAIGN_NOT_STARTED',
      );
      expect(codeOf(() => assertCampaignOpen(TERMS, new Date('2025-05-09T00:00:00Z'))).code).toBe(
        'CAMPAIGN_ENDED',
      );
    });
  });

  describe('the fields of a claim', () => {
    it('accepts the declared fields the member consented to', () => {
      expect(() =>
        assertClaimFields([NAME, PHONE], ['name', 'phone'], MEMBERSHIP_ONLY),
      ).not.toThrow();
    });

    it('lets an optional field out (phone binding is optional)', () => {
      expect(() => assertClaimFields([NAME, PHONE], ['name'], MEMBERSHIP_ONLY)).not.toThrow();
    });

    it('C-4.1.3a refuses a field the campaign did not declare, naming it', () => {
      expect(
        codeOf(() => assertClaimFields([NAME], ['name', 'address'], MEMBERSHIP_ONLY)),
      ).toMatchObject({
        code: 'FIELD_NOT_ALLOWED',
        details: { field: 'address', reason: 'not declared' },
      });
    });

    it('C-4.1.2c refuses an ID number without the separate sensitive consent', () => {
      expect(
        codeOf(() =>
          assertClaimFields([NAME, ID_NUMBER], ['name', 'resident_id'], MEMBERSHIP_ONLY),
        ),
      ).toMatchObject({
        code: 'CONSENT_REQUIRED',
        details: { purpose: 'sensitive_id', field: 'resident_id' },
      });
    });

    it('refuses a field the notice scope of its purpose leaves out, although the purpose is active', () => {
      const narrow = new Map([['membership' as PurposeId, new Set<CollectedField>(['phone'])]]);

      expect(codeOf(() => assertClaimFields([NAME, PHONE], ['name'], narrow))).toMatchObject({
        code: 'FIELD_NOT_ALLOWED',
        details: { field: 'name', purpose: 'membership' },
      });
    });

    it('C-4.1.3b refuses a field another purpose allows but the declared one does not', () => {
      const elsewhere = new Map<PurposeId, ReadonlySet<CollectedField>>([
        ['membership', new Set<CollectedField>(['phone'])],
        ['surveys', new Set<CollectedField>(['name'])],
      ]);

      expect(codeOf(() => assertClaimFields([NAME], ['name'], elsewhere)).code).toBe(
        'FIELD_NOT_ALLOWED',
      );
    });

    it('refuses a claim that leaves out a required field with CLAIM_FIELD_REQUIRED', () => {
      expect(
        codeOf(() => assertClaimFields([NAME, PHONE], ['phone'], MEMBERSHIP_ONLY)),
      ).toMatchObject({
        code: 'CLAIM_FIELD_REQUIRED',
        details: { field: 'name' },
      });
    });

    it('names the purposes the submitted fields are collected for', () => {
      expect(purposesForFields([NAME, ID_NUMBER], ['resident_id']).sort()).toEqual([
        'sensitive_id',
      ]);
    });
  });

  describe('the per-member limit', () => {
    it('allows claims below the limit and refuses at it with CLAIM_LIMIT_REACHED', () => {
      expect(() => assertWithinMemberLimit(1, 2)).not.toThrow();
      expect(codeOf(() => assertWithinMemberLimit(2, 2))).toMatchObject({
        code: 'CLAIM_LIMIT_REACHED',
        details: { limit: 2 },
      });
    });
  });

  describe('claim values', () => {
    it('normalises phone and ID number and trims text', () => {
      expect(
        normaliseClaimValues({
          name: ' 王小明 ',
          phone: '+86 139 0000 0001',
          resident_id: '11010119900101004x',
          birth_date: '1990-01-01',
        }),
      ).toEqual({
        name: '王小明',
        phone: '13900000001',
        resident_id: '11010119900101004X',
        birth_date: '1990-01-01',
      });
    });

    it('treats an empty value as not given', () => {
      expect(normaliseClaimValues({ name: '王小明', phone: '  ' })).toEqual({ name: '王小明' });
    });

    it.each([
      ['a foreign phone', { phone: '12025550123' }, 'PHONE_INVALID'],
      ['a wrong ID check digit', { resident_id: '110101199001010041' }, 'RESIDENT_ID_INVALID'],
      ['an impossible date', { birth_date: '1990-02-30' }, 'VALIDATION_FAILED'],
      ['an unknown gender', { gender: 'other' }, 'VALIDATION_FAILED'],
      ['an address of 121 characters', { address: '路'.repeat(121) }, 'VALIDATION_FAILED'],
    ])('refuses %s with %s', (_label, values, code) => {
      expect(codeOf(() => normaliseClaimValues(values)).code).toBe(code);
    });

    it('counts length in code points, so an emoji name of 120 code points fits', () => {
      expect(normaliseClaimValues({ name: '🐟'.repeat(120) }).name).toHaveLength(240);
    });
  });
});

import { EMPTY_PROFILE } from '../../src/components/profile/profile-form';
import {
  EMPTY_SIGNUP,
  signUpInputFrom,
  signupProblem,
  type SignupDraft,
} from '../../src/pages/signup/signup-draft';
import type { PrivacyNotice } from '../../src/services/api-types';

const PURPOSES = [
  'membership',
  'transaction_linking',
  'parking',
  'marketing_messages',
  'personalised_offers',
  'surveys',
  'sensitive_id',
] as const;

const notice = {
  version: 3,
  purposes: PURPOSES.map((id) => ({ id, sensitive: id === 'sensitive_id' })),
} as unknown as PrivacyNotice;

const draft = (patch: Partial<SignupDraft>): SignupDraft => ({
  ...EMPTY_SIGNUP,
  profile: { ...EMPTY_PROFILE, name: '王小明' },
  choices: { membership: true },
  ...patch,
});

describe('signup-draft', () => {
  describe('signupProblem', () => {
    it('asks for the basic membership consent first (U-6.6.1b)', () => {
      expect(signupProblem(draft({ choices: {} }))).toContain('会员服务');
    });

    it('refuses an ID number without its separate consent (C-4.1.2c)', () => {
      const problem = signupProblem(
        draft({ addResidentId: true, residentId: '11010519491231002X' }),
      );

      expect(problem).toContain('单独同意');
    });

    it('checks the ID number once consented', () => {
      const consented = { membership: true, sensitive_id: true };

      expect(
        signupProblem(draft({ addResidentId: true, choices: consented, residentId: '123' })),
      ).toBe('身份证号格式不正确');
      expect(
        signupProblem(
          draft({ addResidentId: true, choices: consented, residentId: '11010519491231002X' }),
        ),
      ).toBeUndefined();
    });
  });

  describe('signUpInputFrom', () => {
    it('sends a choice for every purpose, only the chosen ones true', () => {
      const input = signUpInputFrom(
        draft({ choices: { membership: true, parking: true } }),
        't',
        notice,
        'h5',
      );

      expect(input.noticeVersion).toBe(3);
      expect(input.choices).toEqual({
        membership: true,
        transaction_linking: false,
        parking: true,
        marketing_messages: false,
        personalised_offers: false,
        surveys: false,
        sensitive_id: false,
      });
    });

    it('collects only filled-in fields (C-4.1.3a)', () => {
      const input = signUpInputFrom(draft({}), 't', notice, 'weapp');

      expect(input.profile).toEqual({ name: '王小明' });
      expect(input.optional).toEqual({});
    });

    it('drops a typed plate when parking is not chosen', () => {
      const input = signUpInputFrom(draft({ plate: '沪A12345' }), 't', notice, 'h5');

      expect(input.optional.plate).toBeUndefined();
    });

    it('never sends the sensitive consent unless the shopper added the ID section', () => {
      const input = signUpInputFrom(
        draft({ choices: { membership: true, sensitive_id: true }, addResidentId: false }),
        't',
        notice,
        'h5',
      );

      expect(input.choices.sensitive_id).toBe(false);
      expect(input.optional.residentId).toBeUndefined();
    });

    it('sends the ID number upper-cased with its consent', () => {
      const input = signUpInputFrom(
        draft({
          choices: { membership: true, sensitive_id: true },
          addResidentId: true,
          residentId: '11010519491231002x',
        }),
        't',
        notice,
        'h5',
      );

      expect(input.choices.sensitive_id).toBe(true);
      expect(input.optional.residentId).toBe('11010519491231002X');
    });
  });
});

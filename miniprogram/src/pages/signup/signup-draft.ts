import { parsePlate, parseResidentId, type PurposeId } from '@memberkit/shared';

import {
  EMPTY_PROFILE,
  profileInputFrom,
  profileProblem,
  type ProfileDraft,
} from '../../components/profile/profile-form';
import type {
  Channel,
  ConsentChoices,
  OptionalFieldsInput,
  PrivacyNotice,
  SignUpInput,
} from '../../services/api-types';

/** Everything the sign-up form holds before it is sent. */
export interface SignupDraft {
  profile: ProfileDraft;
  /** One switch per purpose; every one starts OFF (U-6.6.1b: nothing is pre-ticked). */
  choices: Partial<Record<PurposeId, boolean>>;
  plate: string;
  /** The shopper chose to add an ID number: only then is the sensitive section shown. */
  addResidentId: boolean;
  residentId: string;
}

export const EMPTY_SIGNUP: SignupDraft = {
  profile: EMPTY_PROFILE,
  choices: {},
  plate: '',
  addResidentId: false,
  residentId: '',
};

function residentIdProblem(draft: SignupDraft): string | undefined {
  if (!draft.addResidentId) return undefined;
  if (!draft.choices.sensitive_id) return '填写身份证号需要单独同意“身份证号（敏感个人信息）”授权';
  if (!draft.residentId.trim()) return '请填写身份证号，或选择“不添加”';

  try {
    parseResidentId(draft.residentId);
    return undefined;
  } catch {
    return '身份证号格式不正确';
  }
}

function plateProblem(draft: SignupDraft): string | undefined {
  if (!draft.choices.parking || !draft.plate.trim()) return undefined;

  try {
    parsePlate(draft.plate);
    return undefined;
  } catch {
    return '车牌号格式不正确';
  }
}

/** The first problem with the draft, in Chinese, or undefined when it may be sent. */
export function signupProblem(draft: SignupDraft): string | undefined {
  if (!draft.choices.membership) return '开通会员需要同意“会员服务”基本授权';

  return profileProblem(draft.profile, true) ?? plateProblem(draft) ?? residentIdProblem(draft);
}

function choicesFor(draft: SignupDraft, notice: PrivacyNotice): ConsentChoices {
  const choices: ConsentChoices = {};
  for (const purpose of notice.purposes) choices[purpose.id] = draft.choices[purpose.id] === true;
  // The separate consent only counts together with the shopper's choice to add the number.
  if (!draft.addResidentId) choices.sensitive_id = false;

  return choices;
}

function optionalFor(draft: SignupDraft): OptionalFieldsInput {
  const optional: OptionalFieldsInput = {};
  if (draft.choices.parking && draft.plate.trim()) optional.plate = parsePlate(draft.plate).plate;
  if (draft.addResidentId && draft.choices.sensitive_id && draft.residentId.trim())
    optional.residentId = draft.residentId.trim().toUpperCase();

  return optional;
}

/** POST /v1/members: each purpose's choice, and only the fields that were filled in. */
export function signUpInputFrom(
  draft: SignupDraft,
  ticket: string,
  notice: PrivacyNotice,
  channel: Channel,
): SignUpInput {
  return {
    ticket,
    noticeVersion: notice.version,
    channel,
    choices: choicesFor(draft, notice),
    profile: profileInputFrom(draft.profile),
    optional: optionalFor(draft),
  };
}

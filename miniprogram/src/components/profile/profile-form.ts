import type { Gender, MemberProfile, ProfileInput } from '../../services/api-types';

/** What the profile inputs hold while the shopper types: plain strings, '' for empty. */
export interface ProfileDraft {
  name: string;
  gender: Gender | '';
  birthDate: string;
  province: string;
  address: string;
  nickname: string;
}

export const EMPTY_PROFILE: ProfileDraft = {
  name: '',
  gender: '',
  birthDate: '',
  province: '',
  address: '',
  nickname: '',
};

export function draftFromProfile(profile: MemberProfile): ProfileDraft {
  return {
    name: profile.name ?? '',
    gender: profile.gender ?? '',
    birthDate: profile.birthDate ?? '',
    province: profile.province ?? '',
    address: profile.address ?? '',
    nickname: profile.nickname ?? '',
  };
}

/** Only what was filled in: an empty field is not collected at all (C-4.1.3a). */
export function profileInputFrom(draft: ProfileDraft): ProfileInput {
  const input: ProfileInput = {};
  const name = draft.name.trim();
  const address = draft.address.trim();
  const nickname = draft.nickname.trim();
  if (name) input.name = name;
  if (draft.gender) input.gender = draft.gender;
  if (draft.birthDate) input.birthDate = draft.birthDate;
  if (draft.province) input.province = draft.province;
  if (address) input.address = address;
  if (nickname) input.nickname = nickname;

  return input;
}

/** Nicknames may hold any emoji: the limit counts code points, as the server does. */
export function codePointLength(text: string): number {
  return [...text].length;
}

/** The first problem with a draft, in Chinese, or undefined. */
export function profileProblem(draft: ProfileDraft, requireName: boolean): string | undefined {
  if (requireName && !draft.name.trim()) return '请填写姓名';
  if (codePointLength(draft.name.trim()) > 40) return '姓名最多 40 个字';
  if (codePointLength(draft.address.trim()) > 120) return '地址最多 120 个字';
  if (codePointLength(draft.nickname.trim()) > 20) return '昵称最多 20 个字';

  return undefined;
}

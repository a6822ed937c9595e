import type { PurposeId } from '@memberkit/shared';

export type Channel = 'weapp' | 'h5' | 'website';

export interface Session {
  token: string;
  expiresAt: string;
}

/** POST /v1/auth/wechat/login and /v1/auth/sms/login. */
export type LoginAnswer =
  { status: 'member'; session: Session } | { status: 'new'; signupTicket: string };

export interface NoticePurpose {
  id: PurposeId;
  kind: 'basic' | 'extended';
  sensitive: boolean;
  fields: string[];
  optionalFields: string[];
  retentionDays: number;
  title: string;
  description: string;
  impact?: string;
}

/** GET /v1/notices/current (C-4.1.2a). */
export interface PrivacyNotice {
  version: number;
  text: string;
  textHash: string;
  publishedAt: string;
  purposes: NoticePurpose[];
}

export type ConsentChoices = Partial<Record<PurposeId, boolean>>;

export type Gender = 'female' | 'male' | 'undisclosed';

export interface ProfileInput {
  name?: string;
  gender?: Gender;
  birthDate?: string;
  province?: string;
  address?: string;
  nickname?: string;
}

/** C-4.2.1.3b: added only if the shopper chooses; null removes one. */
export interface OptionalFieldsInput {
  email?: string | null;
  shippingAddress?: string | null;
  invoiceTitle?: string | null;
  residentId?: string;
  plate?: string;
}

export interface SignUpInput {
  ticket: string;
  noticeVersion: number;
  channel: Channel;
  choices: ConsentChoices;
  profile: ProfileInput;
  optional: OptionalFieldsInput;
}

export interface SignUpAnswer {
  memberId: string;
  cardNo: string;
  session: Session;
}

export interface MemberProfile {
  name: string | null;
  gender: Gender | null;
  birthDate: string | null;
  province: string | null;
  address: string | null;
  nickname: string | null;
  email: string | null;
  shippingAddress: string | null;
  invoiceTitle: string | null;
}

/** GET /v1/me. */
export interface MemberAccount {
  cardNo: string;
  tier: string;
  joinedAt: string;
  profile: MemberProfile;
  phone: string | null;
  wechatBound: boolean;
  hasResidentId: boolean;
  offlineCards: string[];
  pointsBalance: number;
}

export interface PurposeState {
  purpose: PurposeId;
  kind: 'basic' | 'extended';
  status: 'granted' | 'refused' | 'withdrawn' | 'none';
  noticeVersion: number | null;
  needsReconsent: boolean;
  active: boolean;
  askAgain: boolean;
}

export interface ConsentRecord {
  id: number;
  purpose: PurposeId;
  noticeVersion: number;
  status: 'granted' | 'refused' | 'withdrawn';
  channel: string;
  needsReconsent: boolean;
  decidedAt: string;
  withdrawnAt: string | null;
}

/** GET /v1/me/consents. */
export interface MyConsents {
  noticeVersion: number;
  purposes: PurposeState[];
  history: ConsentRecord[];
}

/** A signed receipt (consent or deletion) the shopper can keep. */
export interface SignedReceipt {
  receiptId: string;
  issuedAt: string;
  keyVersion: number;
  signature: string;
  [field: string]: unknown;
}

import { api } from '../../services/api-client';
import { isLoggedIn } from '../../services/session';

/** What a campaign QR code offers (GET /v1/campaigns/:token). */
export interface CampaignView {
  token: string;
  kind: 'gift' | 'coupon' | 'sample';
  title: string;
  description: string | null;
  storeCode: string;
  startsAt: string;
  endsAt: string;
  state: 'upcoming' | 'open' | 'ended';
  stockLeft: number;
  perMemberLimit: number;
  collects: Array<{
    field: string;
    label: string;
    purpose: string;
    purposeTitle: string;
    required: boolean;
    why: string;
  }>;
  phoneOptional: boolean;
  mine?: { claims: number; claimedWithThisCode: boolean; limitReached: boolean };
}

export interface ClaimAnswer {
  claimId: string;
  campaignTitle: string;
  kind: string;
  storeCode: string;
  claimNo: number;
  claimedAt: string;
  fields: string[];
  repeated: boolean;
}

export interface SurveyQuestionView {
  questionId: number;
  kind: 'single' | 'multiple' | 'scale' | 'text';
  prompt: string;
  options: string[] | null;
  min: number | null;
  max: number | null;
  identifies: 'name' | 'phone' | 'address' | null;
  required: boolean;
}

export interface SurveyView {
  title: string;
  intro: string | null;
  status: 'open' | 'closed';
  answered: boolean;
  consent: { purpose: 'surveys'; title: string; description: string; active: boolean };
  questions: SurveyQuestionView[];
  hiddenQuestions: number;
}

export interface SurveyAnswer {
  questionId: number;
  choice?: number;
  choices?: number[];
  value?: number;
  text?: string;
}

export interface GuideLanding {
  guideCode: string;
  displayName: string;
  storeCode: string;
  joiningReward: { points: number; text: string };
}

export interface DeskLanding {
  expiresAt: string;
  noticeVersion: number;
  purposes: Array<{ purpose: string; kind: string; title: string; fields: string[] }>;
  phoneBinding: { optional: boolean; text: string };
}

const path = (prefix: string, token: string) => `${prefix}/${encodeURIComponent(token)}`;

export function fetchCampaign(token: string) {
  // Public, so a shopper who is not a member yet sees what it collects; a member also sees
  // whether they already claimed it.
  return api.get<CampaignView>(path('/v1/campaigns', token), { auth: isLoggedIn() });
}

export function claimCampaign(token: string, fields: Record<string, string>) {
  return api.post<ClaimAnswer>(
    `${path('/v1/campaigns', token)}/claims`,
    { fields },
    { auth: true },
  );
}

export function fetchSurvey(token: string) {
  return api.get<SurveyView>(path('/v1/surveys', token), { auth: true });
}

export function answerSurvey(token: string, answers: SurveyAnswer[]) {
  return api.post<{ responseId: string }>(
    `${path('/v1/surveys', token)}/responses`,
    { answers },
    {
      auth: true,
    },
  );
}

export function fetchGuide(token: string) {
  return api.get<GuideLanding>(path('/v1/guides', token), { auth: false });
}

export function fetchDeskSignup(token: string) {
  return api.get<DeskLanding>(path('/v1/desk-signups', token), { auth: false });
}

import type { AppliedRule, TierDefinition } from '@memberkit/shared';

import { api } from '../../services/api-client';

/** GET /v1/me/points. */
export interface PointsSummary {
  balance: number;
  held: number;
  available: number;
  expiring: { points: number; firstExpiresAt: string } | null;
  cashOffset: { pointsPerYuan: number; maxSharePercent: number };
}

/** One line of GET /v1/me/points/history. */
export interface HistoryEntry {
  id: string;
  entryType: string;
  points: number;
  createdAt: string;
  applied: AppliedRule[];
  details: Record<string, unknown>;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  nextBefore: string | null;
}

export interface CatalogueItem {
  id: string;
  kind: 'goods' | 'coupon' | 'gift-card' | 'parking-offset';
  title: string;
  description: string | null;
  pointsPrice: number;
  valueFen: number | null;
  stock: number | null;
  inStock: boolean;
}

export interface Catalogue {
  items: CatalogueItem[];
  cashOffset: { pointsPerYuan: number; maxSharePercent: number };
}

export interface Redemption {
  reservationId: string;
  status: string;
  title: string;
  points: number;
  fulfilment: Record<string, unknown> | null;
}

/** GET /v1/me/tier. */
export interface MyTier {
  tier: TierDefinition;
  earnedTier: string;
  spendFen: number;
  windowMonths: number;
  next: { id: string; title: string; minSpendFen: number; remainingFen: number } | null;
  tiers: TierDefinition[];
}

export const fetchPoints = () => api.get<PointsSummary>('/v1/me/points');

export const fetchHistory = (before?: string) =>
  api.get<HistoryPage>(`/v1/me/points/history?limit=20${before ? `&before=${before}` : ''}`);

// Public on the server (U-6.7.2: the price never depends on who asks), so no session is sent.
export const fetchCatalogue = () => api.get<Catalogue>('/v1/points/catalogue', { auth: false });

export const fetchTier = () => api.get<MyTier>('/v1/me/tier');

/** One request id per tap: a retried request redeems once. */
export function redeemItem(itemId: string, requestId: string) {
  return api.post<Redemption>('/v1/me/redemptions', { itemId, quantity: 1, requestId });
}

export function newRequestId(): string {
  return `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

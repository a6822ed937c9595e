import { NotFoundError } from '@memberkit/shared';
import type { AuditLog } from '../platform/audit/audit-log';
import type { CatalogueItem, CatalogueRepository, NewCatalogueItem } from './catalogue-repository';
import type { ExpiryRun, ExpiryService } from './expiry-service';
import type { RedemptionService } from './redemption-service';
import type { TierRun, TierService } from './tier-service';

export const POINTS_JOBS = ['expire', 'tiers', 'reservations', 'daily'] as const;
export type PointsJob = (typeof POINTS_JOBS)[number];

export interface JobRun {
  expired?: ExpiryRun;
  tiers?: TierRun;
  reservationsReleased?: number;
}

/**
 * Staff operations on points (S-5.3b: the operations role): the catalogue and the daily jobs.
 * Every action leaves an audit row (S-5.5). The jobs are safe to run twice or on two servers
 * at once: each step is keyed (expire:<lot>), guarded (tier changes) or settled once.
 */
export class PointsAdminService {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly expiry: ExpiryService,
    private readonly tiers: TierService,
    private readonly redemption: RedemptionService,
    private readonly audit: AuditLog,
  ) {}

  async addItem(actor: string, item: NewCatalogueItem): Promise<CatalogueItem> {
    const created = await this.catalogue.insert(item);
    await this.record(actor, 'points.catalogue.add', { itemId: created.id });
    return created;
  }

  async updateItem(
    actor: string,
    itemId: string,
    changes: Parameters<CatalogueRepository['update']>[1],
  ): Promise<CatalogueItem> {
    if (!(await this.catalogue.find(itemId))) throw new NotFoundError('POINTS_ITEM_NOT_FOUND');
    const updated = (await this.catalogue.update(itemId, changes)) as CatalogueItem;
    await this.record(actor, 'points.catalogue.update', { itemId, fields: Object.keys(changes) });
    return updated;
  }

  /** 'daily' runs all three: stale reservations first, so held points can expire too. */
  async run(job: PointsJob, actor: string, now = new Date()): Promise<JobRun> {
    const result: JobRun = {};
    if (job === 'reservations' || job === 'daily')
      result.reservationsReleased = await this.redemption.releaseExpired(now);
    if (job === 'expire' || job === 'daily') result.expired = await this.expiry.expireDue(now);
    if (job === 'tiers' || job === 'daily') result.tiers = await this.tiers.runTierJob(now);
    await this.record(actor, `points.job.${job}`, { ...result });
    return result;
  }

  private async record(actor: string, action: string, details: Record<string, unknown>) {
    await this.audit.record([{ actor, action, purpose: 'operations', details }]);
  }
}

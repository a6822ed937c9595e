import { DEFAULT_POINTS_PROGRAM, parsePointsProgram, type PointsProgram } from '@memberkit/shared';
import type { AuditLog } from '../platform/audit/audit-log';
import type { ProgrammeRepository } from './programme-repository';

// Several servers may run behind a load balancer: a newly published programme reaches the
// others within this long. Awards record the programme version they were computed with.
const CACHE_MILLISECONDS = 5_000;

/**
 * The published points programme (earning rules, calendar, stores, tiers and thresholds, cash
 * offset rate, expiry), versioned; until staff publish one, DEFAULT_POINTS_PROGRAM applies.
 */
export class ProgrammeService {
  private cached?: { program: PointsProgram; until: number };

  constructor(
    private readonly repository: ProgrammeRepository,
    private readonly audit: AuditLog,
  ) {}

  async current(): Promise<PointsProgram> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.program;
    const stored = await this.repository.latest();
    const program = stored ? parsePointsProgram(stored) : DEFAULT_POINTS_PROGRAM;
    this.cached = { program, until: Date.now() + CACHE_MILLISECONDS };
    return program;
  }

  /** Validate and publish; the version is the next one whatever the input says. */
  async publish(input: object, actor: string): Promise<PointsProgram> {
    const latest = await this.repository.latestVersion();
    const version = Math.max(latest, DEFAULT_POINTS_PROGRAM.version) + 1;
    const program = parsePointsProgram({ ...input, version });
    await this.repository.insert(version, program, actor);
    this.cached = undefined;
    await this.audit.record([
      { actor, action: 'points.programme.publish', purpose: 'operations', details: { version } },
    ]);
    return program;
  }
}

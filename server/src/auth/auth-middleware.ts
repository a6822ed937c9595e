import type { Middleware } from 'koa';
import { AppError } from '@memberkit/shared';
import type { AppContext } from '../platform/http/koa-types';
import type { StaffService } from '../staff/staff-service';
import type { StaffRole } from '../staff/staff-roles';
import type { IdentityVault } from '../vault/identity-vault';
import type { SessionService } from './session-service';

function bearerToken(ctx: AppContext): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('Authorization'));
  return match?.[1];
}

/** A member session: sets memberId, pseudonym and the session's token hash on ctx.state. */
export function memberSession(sessions: SessionService, vault: IdentityVault): Middleware {
  return async (ctx, next) => {
    const appCtx = ctx as AppContext;
    const token = bearerToken(appCtx);
    if (!token) throw new AppError('SESSION_REQUIRED');
    const session = await sessions.authenticate(token);
    const member = await vault.requireActive(session.memberId).catch(() => {
      throw new AppError('SESSION_INVALID');
    });
    appCtx.state.memberId = member.id;
    appCtx.state.pseudonym = member.pseudonym;
    appCtx.state.sessionTokenHash = session.tokenHash;
    await next();
  };
}

/** A staff token whose role is one of `roles` (S-5.3b access policy). */
export function staffOnly(staff: StaffService, roles: readonly StaffRole[]): Middleware {
  return async (ctx, next) => {
    const appCtx = ctx as AppContext;
    const token = bearerToken(appCtx);
    if (!token) throw new AppError('STAFF_TOKEN_INVALID');
    const member = await staff.authenticate(token);
    if (!roles.includes(member.role))
      throw new AppError('STAFF_ROLE_FORBIDDEN', { details: { role: member.role } });
    appCtx.state.staffId = member.id;
    appCtx.state.staffRole = member.role;
    await next();
  };
}

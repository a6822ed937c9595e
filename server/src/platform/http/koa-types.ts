import type { Context } from 'koa';
import type { Logger } from '../logger';

/** What our middleware puts on ctx.state; routes read it through these names only. */
export interface AppState {
  requestId: string;
  log: Logger;
  deviceId?: string;
  memberId?: string;
  staffId?: string;
  [key: string]: unknown;
}

export type AppContext = Context & { state: AppState };

export interface IssuedAccessToken {
  token: string;
  expiresInSeconds: number;
}

const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * The mini-program's access_token, shared by every server-side call. WeChat: "cache it and
 * refresh early; one refresh at a time" (protocols/wechat-miniprogram.md), because each fetch
 * of a new token ends the previous one a few minutes later. Concurrent callers therefore wait
 * on one refresh instead of each fetching their own.
 */
export class AccessTokenCache {
  private cached?: { token: string; refreshAt: number };
  private refreshing?: Promise<string>;

  constructor(
    private readonly fetchToken: () => Promise<IssuedAccessToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return this.cached.token;

    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** Forget a token WeChat refused, unless a newer one has already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async refresh(): Promise<string> {
    const issued = await this.fetchToken();
    const lifetimeMs = issued.expiresInSeconds * 1000;

    // About 5 minutes early; half the lifetime when WeChat ever hands out a short one.
    const refreshAt = this.now() + Math.max(lifetimeMs - REFRESH_MARGIN_MS, lifetimeMs / 2);
    this.cached = { token: issued.token, refreshAt };
    return issued.token;
  }
}

import { AccessTokenCache } from '../../../src/integrations/wechat/access-token-cache';
import { fakeClock, rejectionOf } from '../integration-support';

describe('AccessTokenCache', () => {
  describe('while a refresh is running', () => {
    it('lets every caller wait on the one refresh', async () => {
      let fetches = 0;
      let release: (token: { token: string; expiresInSeconds: number }) => void = () => {};
      const cache = new AccessTokenCache(() => {
        fetches += 1;
        return new Promise((resolve) => (release = resolve));
      });

      const waiting = [cache.get(), cache.get(), cache.get()];
      release({ token: 'token-1', expiresInSeconds: 7200 });

      expect(await Promise.all(waiting)).toEqual(['token-1', 'token-1', 'token-1']);
      expect(fetches).toBe(1);
    });

    it('passes a failed refresh to every waiter and keeps nothing', async () => {
      let fetches = 0;
      const cache = new AccessTokenCache(async () => {
        fetches += 1;
        if (fetches === 1) throw new Error('wechat busy');
        return { token: 'token-2', expiresInSeconds: 7200 };
      });

      const failures = await Promise.allSettled([cache.get(), cache.get()]);

      expect(failures.map((result) => result.status)).toEqual(['rejected', 'rejected']);
      expect(await cache.get()).toBe('token-2');
      expect(fetches).toBe(2);
    });
  });

  describe('invalidation', () => {
    it('forgets a refused token but not a newer one another call already fetched', async () => {
      const clock = fakeClock();
      let serial = 0;
      const cache = new AccessTokenCache(async () => {
        serial += 1;
        return { token: `token-${serial}`, expiresInSeconds: 7200 };
      }, clock.now);

      const old = await cache.get();
      cache.invalidate(old);
      const fresh = await cache.get();
      cache.invalidate(old);

      expect(fresh).toBe('token-2');
      expect(await cache.get()).toBe('token-2');
    });
  });

  describe('a short-lived token', () => {
    it('is refreshed at half its lifetime when 5 minutes would be too early', async () => {
      const clock = fakeClock();
      let serial = 0;
      const cache = new AccessTokenCache(async () => {
        serial += 1;
        return { token: `token-${serial}`, expiresInSeconds: 120 };
      }, clock.now);

      await cache.get();
      clock.advance(59 * 1000);
      expect(await cache.get()).toBe('token-1');
      clock.advance(2 * 1000);
      expect(await cache.get()).toBe('token-2');
    });
  });

  it('rejects with the fetcher’s error', async () => {
    const cache = new AccessTokenCache(async () => {
      throw Object.assign(new Error('x'), { code: 'WECHAT_API_FAILED' });
    });

    expect((await rejectionOf(cache.get())).code).toBe('WECHAT_API_FAILED');
  });
});

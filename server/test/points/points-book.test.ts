import { withRetry } from '../../src/points/points-book';

const noPause = { attempts: 3, pause: async () => undefined };

describe('withRetry (MySQL errno 1213 / 1205)', () => {
  describe('a transaction that deadlocks', () => {
    it('runs again after errno 1213 and returns the second result', async () => {
      let calls = 0;
      const result = await withRetry(async () => {
        calls += 1;
        if (calls === 1) throw Object.assign(new Error('Deadlock found'), { errno: 1213 });
        return 'done';
      }, noPause);

      expect([result, calls]).toEqual(['done', 2]);
    });

    it('gives up after the last attempt with the database error', async () => {
      let calls = 0;
      const attempt = withRetry(async () => {
        calls += 1;
        throw Object.assign(new Error('Lock wait timeout exceeded'), { errno: 1205 });
      }, noPause);

      await expect(attempt).rejects.toMatchObject({ errno: 1205 });
      expect(calls).toBe(3);
    });
  });

  describe('any other error', () => {
    it('is thrown at once', async () => {
      let calls = 0;
      const attempt = withRetry(async () => {
        calls += 1;
        throw Object.assign(new Error('Duplicate entry'), { errno: 1062 });
      }, noPause);

      await expect(attempt).rejects.toMatchObject({ errno: 1062 });
      expect(calls).toBe(1);
    });
  });
});

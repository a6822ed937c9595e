import type { Knex } from 'knex';
import { connectDatabase } from '../../src/platform/db/connect';
import { fromSqlDateTime, toSqlDateTime } from '../../src/platform/db/sql-time';
import { describeEachDatabase } from '../support/test-databases';

describeEachDatabase('database round trips', (database) => {
  let knex: Knex;

  beforeAll(async () => {
    knex = connectDatabase(database().url, { poolMax: 4 });
    await knex.schema.createTable('round_trip', (table) => {
      table.increments('id').primary();
      table.date('birth_date').nullable();
      table.specificType('happened_at', 'datetime(3)').nullable();
      table.bigInteger('big_id').nullable();
      table.string('provider_txn', 32).nullable();
      table.string('nickname', 64).nullable();
    });
  });

  afterAll(async () => {
    await knex.destroy();
  });

  describe('field cases: DATE columns', () => {
    it.each(['1990-01-01', '2000-02-29', '1970-01-01', '1989-12-31'])(
      'reads birth date %s back as the same string',
      async (birthDate) => {
        const [id] = await knex('round_trip').insert({ birth_date: birthDate });

        const row = await knex('round_trip').where({ id }).first();
        expect(row.birth_date).toBe(birthDate);
      },
    );
  });

  describe('field cases: DATETIME columns', () => {
    it('reads a time back equal to what was written, to the millisecond', async () => {
      const written = new Date('2024-03-09T23:59:59.123Z');
      const [id] = await knex('round_trip').insert({ happened_at: toSqlDateTime(written) });

      const row = await knex('round_trip').where({ id }).first();
      expect(fromSqlDateTime(row.happened_at).toISOString()).toBe(written.toISOString());
    });

    it('compares times in SQL the same way on both databases', async () => {
      await knex('round_trip').insert({
        happened_at: toSqlDateTime(new Date('2024-01-01T00:00:00.000Z')),
      });

      const later = await knex('round_trip')
        .where('happened_at', '>', toSqlDateTime(new Date('2023-12-31T23:59:59.999Z')))
        .count({ n: '*' })
        .first();
      expect(Number(later?.n)).toBeGreaterThanOrEqual(1);
    });
  });

  describe('field cases: ids past 2^53', () => {
    it('keeps 9007199254740993 exact as a string end to end', async () => {
      const [id] = await knex('round_trip').insert({ big_id: '9007199254740993' });

      const row = await knex('round_trip').where({ id }).first();
      expect(row.big_id).toBe('9007199254740993');
    });

    it('finds a row by a big id given as a string', async () => {
      await knex('round_trip').insert({ big_id: '9223372036854775807' });

      const row = await knex('round_trip').where({ big_id: '9223372036854775807' }).first();
      expect(row.big_id).toBe('9223372036854775807');
    });

    it('fits the 28-digit provider transaction id 4200000000202403090000000001', async () => {
      const [id] = await knex('round_trip').insert({
        provider_txn: '4200000000202403090000000001',
      });

      const row = await knex('round_trip').where({ id }).first();
      expect(row.provider_txn).toBe('4200000000202403090000000001');
    });
  });

  describe('field cases: emoji nicknames (utf8mb4)', () => {
    it.each(['测试🐟用户', '👨‍👩‍👧‍👦家', '𠮷野家'])('round-trips %s byte for byte', async (nickname) => {
      const [id] = await knex('round_trip').insert({ nickname });

      const row = await knex('round_trip').where({ id }).first();
      expect(Buffer.from(row.nickname, 'utf8').equals(Buffer.from(nickname, 'utf8'))).toBe(true);
    });
  });
});

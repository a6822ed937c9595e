import type { Knex } from 'knex';
import { isUniqueViolation } from '../db/database-errors';
import { nowSql } from '../db/sql-time';
import type { Keyring } from './ciphertext';

/** Wrapped data keys, one per (master key version, keyring), in the vault database. */
export class DataKeyRepository {
  constructor(private readonly knex: Knex) {}

  async find(version: number, keyring: Keyring): Promise<string | undefined> {
    const row = await this.knex('vault_data_keys').where({ version, keyring }).first('wrapped_key');
    return row?.wrapped_key;
  }

  /** Insert unless another process won the race; either way return the stored wrapped key. */
  async insertOrGet(version: number, keyring: Keyring, wrappedKey: string): Promise<string> {
    try {
      await this.knex('vault_data_keys').insert({
        version,
        keyring,
        wrapped_key: wrappedKey,
        created_at: nowSql(),
      });
      return wrappedKey;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return (await this.find(version, keyring)) as string;
    }
  }
}

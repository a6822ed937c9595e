import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { ConflictError } from '@memberkit/shared';
import { isUniqueViolation } from '../platform/db/database-errors';
import { nowSql, toSqlDateTime } from '../platform/db/sql-time';

/**
 * Tickets already turned into a member (C-4.1.4a). A sealed ticket stays valid for 30 minutes
 * whatever happens to the member it made, so its id is recorded in the same transaction as
 * that member: a second sign-up with it, even after the first account was deleted, is refused.
 */
export class UsedSignupTickets {
  constructor(private readonly knex: Knex) {}

  async isUsed(ticketId: string): Promise<boolean> {
    const row = await this.knex('used_signup_tickets')
      .where({ ticket_hash: hashTicketId(ticketId) })
      .first('ticket_hash');
    return Boolean(row);
  }

  /** Inside the sign-up's core transaction; of two racing sign-ups one commits. */
  async markUsed(executor: Knex.Transaction, ticketId: string, expiresAt: Date): Promise<void> {
    try {
      await executor('used_signup_tickets').insert({
        ticket_hash: hashTicketId(ticketId),
        expires_at: toSqlDateTime(expiresAt),
        used_at: nowSql(),
      });
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_PRIMARYKEY on ticket_hash: already spent.
      if (isUniqueViolation(error)) throw new ConflictError('SIGNUP_TICKET_USED', { cause: error });
      throw error;
    }
  }

  /** An expired ticket is refused on its own; its record has nothing left to guard. */
  async purgeExpired(now = new Date()): Promise<number> {
    return this.knex('used_signup_tickets').where('expires_at', '<', toSqlDateTime(now)).delete();
  }
}

function hashTicketId(ticketId: string): string {
  return crypto.createHash('sha256').update(ticketId).digest('hex');
}

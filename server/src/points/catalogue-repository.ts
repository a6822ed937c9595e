import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { nowSql } from '../platform/db/sql-time';

export const CATALOGUE_KINDS = ['goods', 'coupon', 'gift-card', 'parking-offset'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

export interface CatalogueItem {
  id: string;
  kind: CatalogueKind;
  title: string;
  description: string | null;
  /** One price for everyone (U-6.7.2): no column or rule here knows who is asking. */
  pointsPrice: number;
  valueFen: number | null;
  stock: number | null;
  active: boolean;
}

export type NewCatalogueItem = Omit<CatalogueItem, 'id' | 'active'>;

type Executor = Knex | Knex.Transaction;

/** The redemption catalogue (U-6.4.2) and its stock. */
export class CatalogueRepository {
  constructor(private readonly knex: Knex) {}

  async insert(item: NewCatalogueItem): Promise<CatalogueItem> {
    const id = `itm_${crypto.randomBytes(8).toString('hex')}`;
    const now = nowSql();
    await this.knex('points_catalogue_items').insert({
      id,
      kind: item.kind,
      title: item.title,
      description: item.description,
      points_price: item.pointsPrice,
      value_fen: item.valueFen,
      stock: item.stock,
      active: true,
      created_at: now,
      updated_at: now,
    });
    return { ...item, id, active: true };
  }

  async update(
    id: string,
    changes: Partial<
      Pick<CatalogueItem, 'title' | 'description' | 'pointsPrice' | 'stock' | 'active'>
    >,
  ): Promise<CatalogueItem | undefined> {
    const columns = {
      title: changes.title,
      description: changes.description,
      points_price: changes.pointsPrice,
      stock: changes.stock,
      active: changes.active,
    };
    const defined = Object.fromEntries(
      Object.entries(columns).filter(([, value]) => value !== undefined),
    );
    await this.knex('points_catalogue_items')
      .where({ id })
      .update({ ...defined, updated_at: nowSql() });
    return this.find(id);
  }

  async find(id: string, executor: Executor = this.knex): Promise<CatalogueItem | undefined> {
    const row = await executor('points_catalogue_items').where({ id }).first();
    return row ? mapItem(row) : undefined;
  }

  async listActive(): Promise<CatalogueItem[]> {
    const rows = await this.knex('points_catalogue_items')
      .where({ active: true })
      .orderBy([{ column: 'points_price' }, { column: 'id' }]);
    return rows.map(mapItem);
  }

  /** Take stock in one guarded statement: of two racing reservations for the last unit, one wins. */
  async takeStock(trx: Knex.Transaction, id: string, quantity: number): Promise<boolean> {
    const limited = await trx('points_catalogue_items')
      .where({ id })
      .whereNotNull('stock')
      .andWhere('stock', '>=', quantity)
      .decrement('stock', quantity);
    if (limited === 1) return true;
    const unlimited = await trx('points_catalogue_items').where({ id }).whereNull('stock').first();
    return Boolean(unlimited);
  }

  async returnStock(trx: Knex.Transaction, id: string, quantity: number): Promise<void> {
    await trx('points_catalogue_items')
      .where({ id })
      .whereNotNull('stock')
      .increment('stock', quantity);
  }
}

function mapItem(row: Record<string, unknown>): CatalogueItem {
  return {
    id: String(row.id),
    kind: row.kind as CatalogueKind,
    title: String(row.title),
    description: (row.description as string | null) ?? null,
    pointsPrice: Number(row.points_price),
    valueFen: row.value_fen === null || row.value_fen === undefined ? null : Number(row.value_fen),
    stock: row.stock === null || row.stock === undefined ? null : Number(row.stock),
    active: Boolean(Number(row.active)),
  };
}

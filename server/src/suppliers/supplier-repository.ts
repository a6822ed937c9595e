import type { Knex } from 'knex';
import type { CollectedField } from '@memberkit/shared';
import { isUniqueViolation } from '../platform/db/database-errors';

export interface Supplier {
  code: string;
  name: string;
  purpose: string;
  fields: CollectedField[];
  status: 'active' | 'ended';
  createdBy: string;
  createdAt: string;
  endedBy: string | null;
  endedAt: string | null;
}

export interface SupplierAgreement {
  id: string;
  supplierCode: string;
  reference: string;
  signedOn: string;
  expiresOn: string;
  documentSha256: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** The supplier register's two tables (C-4.1.4b). Only this file speaks SQL for them. */
export class SupplierRepository {
  constructor(private readonly knex: Knex) {}

  /** False when the code is taken (MySQL errno 1062 / SQLITE_CONSTRAINT_PRIMARYKEY). */
  async insert(supplier: Omit<Supplier, 'endedBy' | 'endedAt'>): Promise<boolean> {
    try {
      await this.knex('suppliers').insert({
        code: supplier.code,
        name: supplier.name,
        purpose: supplier.purpose,
        fields: JSON.stringify(supplier.fields),
        status: supplier.status,
        created_by: supplier.createdBy,
        created_at: supplier.createdAt,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async find(code: string): Promise<Supplier | undefined> {
    const row = await this.knex('suppliers').where({ code }).first();
    return row ? mapSupplier(row) : undefined;
  }

  async list(): Promise<Supplier[]> {
    const rows = await this.knex('suppliers').orderBy('created_at').orderBy('code');
    return rows.map(mapSupplier);
  }

  /** True when this call ended it; false when it had already ended. */
  async end(code: string, endedBy: string, endedAt: string): Promise<boolean> {
    const changed = await this.knex('suppliers')
      .where({ code, status: 'active' })
      .update({ status: 'ended', ended_by: endedBy, ended_at: endedAt });
    return changed === 1;
  }

  /**
   * Brings an ended supplier back under new terms; its agreements stay as history. False when it
   * is unknown or active, including when a concurrent call reinstated it first.
   */
  async reinstate(
    supplier: Pick<Supplier, 'code' | 'name' | 'purpose' | 'fields'>,
  ): Promise<boolean> {
    const changed = await this.knex('suppliers')
      .where({ code: supplier.code, status: 'ended' })
      .update({
        name: supplier.name,
        purpose: supplier.purpose,
        fields: JSON.stringify(supplier.fields),
        status: 'active',
        ended_by: null,
        ended_at: null,
      });
    return changed === 1;
  }

  /** False when the supplier already has an agreement with this reference (errno 1062). */
  async insertAgreement(agreement: SupplierAgreement): Promise<boolean> {
    try {
      await this.knex('supplier_agreements').insert({
        id: agreement.id,
        supplier_code: agreement.supplierCode,
        reference: agreement.reference,
        signed_on: agreement.signedOn,
        expires_on: agreement.expiresOn,
        document_sha256: agreement.documentSha256,
        recorded_by: agreement.recordedBy,
        recorded_at: agreement.recordedAt,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async agreementsOf(codes: string[]): Promise<SupplierAgreement[]> {
    if (codes.length === 0) return [];
    const rows = await this.knex('supplier_agreements')
      .whereIn('supplier_code', codes)
      .orderBy('recorded_at')
      .orderBy('id');
    return rows.map(mapAgreement);
  }
}

function mapSupplier(row: Record<string, unknown>): Supplier {
  return {
    code: String(row.code),
    name: String(row.name),
    purpose: String(row.purpose),
    fields: JSON.parse(String(row.fields)) as CollectedField[],
    status: row.status === 'ended' ? 'ended' : 'active',
    createdBy: String(row.created_by),
    createdAt: String(row.created_at),
    endedBy: (row.ended_by as string | null) ?? null,
    endedAt: row.ended_at ? String(row.ended_at) : null,
  };
}

function mapAgreement(row: Record<string, unknown>): SupplierAgreement {
  return {
    id: String(row.id),
    supplierCode: String(row.supplier_code),
    reference: String(row.reference),
    signedOn: String(row.signed_on),
    expiresOn: String(row.expires_on),
    documentSha256: (row.document_sha256 as string | null) ?? null,
    recordedBy: String(row.recorded_by),
    recordedAt: String(row.recorded_at),
  };
}

import crypto from 'node:crypto';
import { AppError, NotFoundError, type CollectedField } from '@memberkit/shared';
import type { AuditLog } from '../platform/audit/audit-log';
import { fromSqlDateTime, nowSql } from '../platform/db/sql-time';
import type { Logger } from '../platform/logger';
import {
  agreementInForce,
  agreementState,
  chinaDate,
  type SupplierAgreementState,
} from './agreement-state';
import type { Supplier, SupplierAgreement, SupplierRepository } from './supplier-repository';

export interface NewSupplier {
  code: string;
  name: string;
  purpose: string;
  fields: CollectedField[];
}

export interface NewAgreement {
  reference: string;
  signedOn: string;
  expiresOn: string;
  documentSha256?: string;
}

export interface SupplierView extends Supplier {
  /** Of the agreement in force today; 'ended' for an ended supplier, whatever its agreements. */
  agreementState: SupplierAgreementState;
  agreementInForce: SupplierAgreement | null;
  agreements: SupplierAgreement[];
}

/**
 * The supplier register (C-4.1.4b): who outside the retailer touches customer data, which
 * fields, for what, and under which confidentiality agreement. Every change leaves an audit row
 * (S-5.5). `assertSupplierMayReceive` is the gate every hand-over to a supplier passes first.
 */
export class SupplierRegister {
  constructor(
    private readonly repository: SupplierRepository,
    private readonly audit: AuditLog,
    private readonly log: Logger,
  ) {}

  async register(supplier: NewSupplier, actor: string): Promise<SupplierView> {
    const fields = [...new Set(supplier.fields)];
    const stored = await this.repository.insert({
      ...supplier,
      fields,
      status: 'active',
      createdBy: actor,
      createdAt: nowSql(),
    });
    if (!stored) return this.reinstate({ ...supplier, fields }, actor);

    await this.recordChange(actor, 'supplier.register', {
      code: supplier.code,
      fields,
      purpose: supplier.purpose,
    });
    return this.view(supplier.code);
  }

  /**
   * Registering an ended supplier's code again takes it back under the new terms, so ending is
   * not a dead end for that code. Its old agreements stay as history and count again only if
   * still in force. An active supplier is refused: its terms change only by ending it first.
   */
  private async reinstate(supplier: NewSupplier, actor: string): Promise<SupplierView> {
    if (!(await this.repository.reinstate(supplier)))
      throw new AppError('SUPPLIER_ALREADY_REGISTERED', { details: { code: supplier.code } });

    await this.recordChange(actor, 'supplier.reinstate', {
      code: supplier.code,
      fields: supplier.fields,
      purpose: supplier.purpose,
    });
    return this.view(supplier.code);
  }

  async addAgreement(
    code: string,
    agreement: NewAgreement,
    actor: string,
    now = new Date(),
  ): Promise<SupplierView> {
    const supplier = await this.require(code);
    if (supplier.status === 'ended') throw new AppError('SUPPLIER_ENDED', { details: { code } });
    checkAgreementDates(agreement, chinaDate(now));

    const stored = await this.repository.insertAgreement({
      id: `sa_${crypto.randomBytes(12).toString('hex')}`,
      supplierCode: code,
      reference: agreement.reference,
      signedOn: agreement.signedOn,
      expiresOn: agreement.expiresOn,
      documentSha256: agreement.documentSha256?.toLowerCase() ?? null,
      recordedBy: actor,
      recordedAt: nowSql(),
    });
    if (!stored) throw new AppError('CONFLICT', { details: { reference: agreement.reference } });

    await this.recordChange(actor, 'supplier.agreement', {
      code,
      reference: agreement.reference,
      signedOn: agreement.signedOn,
      expiresOn: agreement.expiresOn,
      documentSha256: agreement.documentSha256 ?? null,
    });
    return this.view(code);
  }

  /** Ending keeps the row and its agreements: the register still shows who held what. */
  async end(code: string, reason: string, actor: string): Promise<SupplierView> {
    await this.require(code);
    if (!(await this.repository.end(code, actor, nowSql())))
      throw new AppError('SUPPLIER_ENDED', { details: { code } });

    await this.recordChange(actor, 'supplier.end', { code, reason });
    return this.view(code);
  }

  async list(now = new Date()): Promise<SupplierView[]> {
    const suppliers = await this.repository.list();
    const agreements = await this.repository.agreementsOf(suppliers.map(({ code }) => code));
    return suppliers.map((supplier) =>
      toView(
        supplier,
        agreements.filter((agreement) => agreement.supplierCode === supplier.code),
        chinaDate(now),
      ),
    );
  }

  async view(code: string, now = new Date()): Promise<SupplierView> {
    const supplier = await this.require(code);
    return toView(supplier, await this.repository.agreementsOf([code]), chinaDate(now));
  }

  /**
   * C-4.1.4b: no customer data goes to a supplier that is not registered for exactly these
   * fields with a confidentiality agreement in force today. Throws a coded 409 otherwise.
   */
  async assertSupplierMayReceive(
    supplierCode: string,
    fields: readonly CollectedField[],
    now = new Date(),
  ): Promise<void> {
    try {
      await this.checkHandOver(supplierCode, fields, now);
    } catch (error) {
      // The code says which rule stopped it; the data that was held back is never logged.
      this.log.warn({ supplierCode, code: (error as AppError).code }, 'supplier hand-over refused');
      throw error;
    }
  }

  private async checkHandOver(
    supplierCode: string,
    fields: readonly CollectedField[],
    now: Date,
  ): Promise<void> {
    const supplier = await this.repository.find(supplierCode);
    if (!supplier || supplier.status !== 'active')
      throw new AppError('SUPPLIER_NOT_REGISTERED', { details: { supplierCode } });

    const outside = fields.filter((field) => !supplier.fields.includes(field));
    if (outside.length > 0)
      throw new AppError('SUPPLIER_SCOPE_EXCEEDED', { details: { supplierCode, fields: outside } });

    const today = chinaDate(now);
    const agreements = await this.repository.agreementsOf([supplierCode]);
    const state = agreementState(agreementInForce(agreements, today), today);
    if (state === 'none')
      throw new AppError('SUPPLIER_AGREEMENT_MISSING', { details: { supplierCode } });
    if (state === 'expired')
      throw new AppError('SUPPLIER_AGREEMENT_EXPIRED', { details: { supplierCode } });
  }

  private async require(code: string): Promise<Supplier> {
    const supplier = await this.repository.find(code);
    if (!supplier) throw new NotFoundError('SUPPLIER_NOT_FOUND', { details: { code } });
    return supplier;
  }

  private async recordChange(
    actor: string,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record([{ actor, action, purpose: 'compliance', details }]);
  }
}

/**
 * C-4.1.4b: the register records agreements that exist. One dated after today (China calendar
 * day, as agreements are signed there) has not been signed yet, whatever the paper says.
 */
function checkAgreementDates(agreement: NewAgreement, today: string): void {
  if (agreement.signedOn > today)
    throw new AppError('SUPPLIER_AGREEMENT_INVALID', {
      details: { field: 'signedOn', reason: 'signed-after-today', today },
    });
  if (agreement.expiresOn <= agreement.signedOn)
    throw new AppError('SUPPLIER_AGREEMENT_INVALID', {
      details: { field: 'expiresOn', reason: 'expires-before-signing' },
    });
}

function toView(supplier: Supplier, agreements: SupplierAgreement[], today: string): SupplierView {
  const inForce = agreementInForce(agreements, today);
  return {
    ...supplier,
    createdAt: isoTime(supplier.createdAt),
    endedAt: supplier.endedAt === null ? null : isoTime(supplier.endedAt),
    agreementState: supplier.status === 'ended' ? 'ended' : agreementState(inForce, today),
    agreementInForce: inForce ? agreementView(inForce) : null,
    agreements: agreements.map(agreementView),
  };
}

/** Times leave as ISO 8601 UTC; signedOn and expiresOn stay calendar dates as signed. */
function agreementView(agreement: SupplierAgreement): SupplierAgreement {
  return { ...agreement, recordedAt: isoTime(agreement.recordedAt) };
}

function isoTime(sqlTime: string): string {
  return fromSqlDateTime(sqlTime).toISOString();
}

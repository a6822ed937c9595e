import { ERROR_CATALOGUE, type ErrorCode } from './error-catalogue';

export interface AppErrorOptions {
  message?: string;
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one error type of the product. The code is the contract (UPPER_SNAKE, from the
 * catalogue); the status comes from the catalogue so a code always maps to one status.
 * `details` must never hold personal data: it is returned to clients on 4xx answers.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? ERROR_CATALOGUE[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = options.details;
  }
}

/** Input that does not match a schema; details carry the failing paths, never values. */
export class ValidationError extends AppError {
  constructor(issues: Array<{ path: string; problem: string }>) {
    super('VALIDATION_FAILED', { details: { issues } });
    this.name = 'ValidationError';
  }
}

/** A unique constraint or a state clash, translated by a repository from a database error. */
export class ConflictError extends AppError {
  constructor(code: ErrorCode = 'CONFLICT', options: AppErrorOptions = {}) {
    super(code, options);
    this.name = 'ConflictError';
  }
}

export class NotFoundError extends AppError {
  constructor(code: ErrorCode = 'NOT_FOUND', options: AppErrorOptions = {}) {
    super(code, options);
    this.name = 'NotFoundError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

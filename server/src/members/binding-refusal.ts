import { AppError } from '@memberkit/shared';

/**
 * C-4.1.4a: "someone else holds this ID number / plate / card" must not be learnable by
 * whoever types it in. Such refusals all answer the same generic BINDING_REFUSED (same status,
 * message, no details); the real reason travels as `cause`, which the error middleware logs
 * (code and kind only) and never answers.
 */
export function bindingRefused(reason: AppError): AppError {
  return new AppError('BINDING_REFUSED', { cause: reason });
}

/** An ID number or plate already bound to another member becomes BINDING_REFUSED. */
export function hideIdentifierHolder(error: unknown): never {
  const isTaken =
    error instanceof AppError &&
    error.code === 'IDENTIFIER_ALREADY_BOUND' &&
    (error.details?.kind === 'resident_id' || error.details?.kind === 'plate');
  throw isTaken ? bindingRefused(error) : error;
}

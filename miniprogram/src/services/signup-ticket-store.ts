/**
 * A sign-up ticket from an SMS login (website login page, or the SMS path) waiting for the
 * sign-up form. Kept in memory only: the server seals everything in the ticket, and nothing
 * about a shopper who has not consented is stored on the device either (C-4.1.2a).
 */
export interface PendingTicket {
  ticket: string;
  /** The ticket carries a phone verified by SMS code: no phone binding needed afterwards. */
  phoneVerified: boolean;
}

let pending: PendingTicket | undefined;

export function keepPendingTicket(ticket: PendingTicket): void {
  pending = ticket;
}

export function takePendingTicket(): PendingTicket | undefined {
  const ticket = pending;
  pending = undefined;

  return ticket;
}

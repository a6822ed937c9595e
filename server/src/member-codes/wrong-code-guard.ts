import { FixedWindowCounter } from './fixed-window-counter';

/**
 * Limits guessing the six digits of a member code (C-4.2.1.4), counted twice:
 *
 * - per till: ten wrong codes in ten minutes and that till's member codes are refused for the
 *   rest of the window. A misbehaving till is stopped at itself; the members it tried keep
 *   their codes at every other till.
 * - per card number, across tills: thirty wrong codes in ten minutes lock the card for the
 *   rest of the window. One till can add at most ten, so a stranger who knows a card number
 *   (it is printed in every code) needs three registered tills at their limit to lock one
 *   member out, and three more for each further member; a lone till cannot do it at all.
 *
 * Together they allow at most ten guesses per till and thirty per card every ten minutes: with
 * three accepted steps that is one chance in about 11,000 per card and window, against one in
 * about 33,000 with the single per-card count this replaces, which any till could trip.
 */
const WRONG_CODES_PER_TILL = 10;
const WRONG_CODES_PER_CARD = 30;
const WINDOW_MS = 10 * 60_000;

/** A caller that names no till (tests, tools) shares one budget. */
const NO_TILL = '';

export class WrongCodeGuard {
  private readonly perTill = new FixedWindowCounter(WRONG_CODES_PER_TILL, WINDOW_MS);
  private readonly perCard = new FixedWindowCounter(WRONG_CODES_PER_CARD, WINDOW_MS);

  /** True when this till or this card used up its wrong codes: refuse without looking. */
  blocks(deviceId: string | undefined, cardNo: string, now = Date.now()): boolean {
    return this.perTill.exhausted(deviceId ?? NO_TILL, now) || this.perCard.exhausted(cardNo, now);
  }

  /** Counts one guess: digits that verify for no step this card was given lately. */
  countGuess(deviceId: string | undefined, cardNo: string, now = Date.now()): void {
    this.perTill.hit(deviceId ?? NO_TILL, now);
    this.perCard.hit(cardNo, now);
  }
}

import type { RunningServer } from '../../src/server';
import { joinAsMember } from '../members/member-kit';

export const STEP_MS = 30_000;

/** A fresh member and the service that issues and uses their codes. */
export async function memberWithCodes(server: RunningServer) {
  const member = await joinAsMember(server);
  const core = await server.services.members.findById(member.memberId);
  return { ...member, cardNo: core?.cardNo as string };
}

/** Whatever the code, a different six-digit ending: the same card with a wrong code. */
export function withWrongDigits(code: string): string {
  const otp = code.slice(12);
  const wrong = String((Number(otp) + 500_001) % 1_000_000).padStart(6, '0');
  return `${code.slice(0, 12)}${wrong}`;
}

export async function codeUseCount(server: RunningServer): Promise<number> {
  const row = await server.services.databases.core('member_code_uses').count({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/** The error code a rejected promise carries (tests assert on codes, never on text). */
export async function errorCodeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

/**
 * Waits, when less than `marginMs` is left of the current 30 s step, for the next one to
 * begin, so that a few quick requests all fall within one step.
 */
export async function awayFromStepEnd(marginMs = 5_000): Promise<void> {
  const left = STEP_MS - (Date.now() % STEP_MS);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/** The start of the step before the current one plus a second: a fixed time in the past. */
export function earlyInPreviousStep(): Date {
  return new Date(Math.floor(Date.now() / STEP_MS) * STEP_MS - STEP_MS + 1_000);
}

import { z } from 'zod';
import { looksLikePersonalData } from './personal-data-shapes';

export const ONLINE_EVENT_TYPES = ['browse', 'favourite', 'cart', 'order', 'pay'] as const;
export type OnlineEventType = (typeof ONLINE_EVENT_TYPES)[number];

/** Orders and payments carry an amount; browsing, favourites and carts do not. */
const WITH_AMOUNT: ReadonlySet<OnlineEventType> = new Set(['order', 'pay']);

export const MAX_EVENTS_PER_REQUEST = 100;
const MAX_FEN = 10_000_000_000;

/** C-4.1.3a: refused with VALIDATION_FAILED at the field's path, the value never echoed. */
const withoutPersonalData = <S extends z.ZodString>(schema: S) =>
  schema.refine((value) => !looksLikePersonalData(value), {
    message: 'holds a phone number or ID number',
  });

// Codes, never text: a shopper's search words or notes could hold anything (C-4.1.3a).
const ItemCode = withoutPersonalData(z.string().regex(/^[A-Za-z0-9][\w.:-]{0,63}$/));

export const OnlineItemSchema = z.strictObject({
  sku: ItemCode,
  category: ItemCode.optional(),
  quantity: z.number().int().min(1).max(9999).optional(),
});

export const OnlineEventSchema = z
  .strictObject({
    /** The channel's own id for the event; a resent event with the same key is stored once. */
    eventKey: withoutPersonalData(z.string().regex(/^[\w.:-]{1,64}$/)),
    /** The 10-digit card number in the member code, or the member's pseudonym. */
    memberCardNo: z
      .string()
      .regex(/^\d{10}$/)
      .optional(),
    pseudonym: z
      .string()
      .regex(/^p_[0-9a-f]{24}$/)
      .optional(),
    type: z.enum(ONLINE_EVENT_TYPES),
    items: z.array(OnlineItemSchema).min(1).max(50),
    amountFen: z.number().int().min(0).max(MAX_FEN).optional(),
    occurredAt: z.iso.datetime({ offset: true }),
  })
  .superRefine((event, context) => {
    if (Boolean(event.memberCardNo) === Boolean(event.pseudonym))
      context.addIssue({
        code: 'custom',
        path: ['memberCardNo'],
        message: 'give either memberCardNo or pseudonym',
      });
    if (WITH_AMOUNT.has(event.type) !== (event.amountFen !== undefined))
      context.addIssue({
        code: 'custom',
        path: ['amountFen'],
        message: 'orders and payments carry amountFen; other events do not',
      });
  });

export type OnlineEventInput = z.output<typeof OnlineEventSchema>;

export const OnlineEventsBody = z
  .strictObject({ events: z.array(OnlineEventSchema).min(1).max(MAX_EVENTS_PER_REQUEST) })
  .superRefine((body, context) => {
    const seen = new Set<string>();
    body.events.forEach((event, index) => {
      if (seen.has(event.eventKey))
        context.addIssue({
          code: 'custom',
          path: ['events', index, 'eventKey'],
          message: 'each event in a request has its own eventKey',
        });
      seen.add(event.eventKey);
    });
  });

/**
 * A refused event's code: ONLINE_EVENT_NOT_RECORDED for an unknown member or one without
 * consent alike (online-event-refusal.ts), ONLINE_EVENT_TIME_INVALID, ONLINE_EVENT_KEY_CONFLICT.
 */
export const EventResultSchema = z.object({
  eventKey: z.string(),
  status: z.enum(['recorded', 'duplicate', 'refused']),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const OnlineEventsAnswer = z.object({
  recorded: z.number(),
  duplicates: z.number(),
  refused: z.number(),
  results: z.array(EventResultSchema),
});

/** What the member sees and exports; times in ISO 8601 UTC ('2026-12-03T09:16:28.057Z'). */
export const OwnOnlineEventSchema = z.object({
  id: z.string(),
  type: z.enum(ONLINE_EVENT_TYPES),
  items: z.array(OnlineItemSchema),
  amountFen: z.number().nullable(),
  occurredAt: z.iso.datetime(),
  recordedAt: z.iso.datetime(),
});

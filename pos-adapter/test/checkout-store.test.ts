import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CheckoutStore, MAX_EVENT_AGE_MS, type Attempt } from '../src/checkout-store';

const SECRET = 'a-device-secret-of-enough-length';
const MEMBER_CODE = '881234567890123456';

describe('CheckoutStore: attempts and the outbox (issue #6)', () => {
  let folder: string;
  let file: string;
  let store: CheckoutStore;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-store-'));
    file = path.join(folder, 'data', 'pos.sqlite');
    store = new CheckoutStore(file, SECRET);
  });
  afterEach(() => {
    store.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const queue = (checkoutId: string, occurredAt = Date.now()): Attempt => {
    const body = JSON.stringify({ checkoutId, memberCode: MEMBER_CODE, occurredAt });
    const attempt = store.startAttempt(checkoutId, store.fingerprint({ checkoutId }), body);
    store.enqueue(attempt, occurredAt);
    return attempt;
  };

  describe('with several queued checkouts', () => {
    it('hands them out strictly in the order they were queued', () => {
      const ids = ['S1', 'S2', 'S3'];
      ids.forEach((id) => queue(id));
      const seen: string[] = [];

      for (let item = store.nextQueued(); item; item = store.nextQueued()) {
        seen.push(item.checkoutId);
        store.markSent(item, 'paid', { ok: true });
      }

      expect(seen).toEqual(ids);
      expect(store.backlog()).toBe(0);
      expect(store.sentCount()).toBe(3);
    });

    it('keeps a queued attempt in its place when it is queued again', () => {
      const first = queue('S1');
      queue('S2');
      store.enqueue(first, Date.now());

      expect(store.nextQueued()?.checkoutId).toBe('S1');
      expect(store.backlog()).toBe(2);
    });

    it('keeps an item at the head after a failure, counting the attempt', () => {
      queue('S1');
      queue('S2');
      const head = store.nextQueued()!;

      store.retryLater(head, 'ECONNREFUSED');

      expect(store.nextQueued()).toMatchObject({ checkoutId: 'S1', attempts: 1 });
    });
  });

  describe('with a checkout the server refuses for good', () => {
    it('moves it to the dead letters, which do not block the rest', () => {
      queue('S1');
      queue('S2');

      store.markDead(store.nextQueued()!, 'MEMBER_CODE_REFUSED');

      expect(store.nextQueued()?.checkoutId).toBe('S2');
      expect(store.deadLetters()).toEqual([
        expect.objectContaining({ checkoutId: 'S1', errorCode: 'MEMBER_CODE_REFUSED' }),
      ]);
      expect(store.latestAttempt('S1')?.state).toBe('refused');
    });

    it('dead-letters a row sealed under another device secret instead of sending it', () => {
      queue('S1');
      store.close();
      store = new CheckoutStore(file, 'another-device-secret-after-rotation');

      expect(store.nextQueued()).toBeUndefined();
      expect(store.deadLetters()).toEqual([
        expect.objectContaining({ checkoutId: 'S1', errorCode: 'OUTBOX_ROW_UNREADABLE' }),
      ]);
    });
  });

  describe('with checkouts older than the 72 h window (design.md "Queued events")', () => {
    it('flags them as overdue and keeps them queued', () => {
      queue('OLD', Date.now() - MAX_EVENT_AGE_MS - 60_000);
      queue('NEW');

      expect(store.overdue()).toBe(1);
      expect(store.backlog()).toBe(2);
    });
  });

  describe('with attempts at one sale', () => {
    it('numbers attempts and gives each its own Idempotency-Key', () => {
      const first = store.startAttempt('S9', 'f1', '{}');
      store.settleAttempt(first.idempotencyKey, 'declined');
      const second = store.startAttempt('S9', 'f2', '{}');

      expect(second.attempt).toBe(2);
      expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
      expect(second.idempotencyKey).toMatch(/^[\w.:-]{1,128}$/);
      expect(store.latestAttempt('S9')).toMatchObject({ attempt: 2, state: 'sending' });
    });
  });

  describe('on disk (S-5.3a)', () => {
    it('creates the file with permissions 0600', () => {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    });

    it('keeps no member code in plain text on disk', () => {
      queue('S1');
      const rawBytes = () =>
        Buffer.concat(
          [file, `${file}-wal`]
            .filter((part) => fs.existsSync(part))
            .map((part) => fs.readFileSync(part)),
        );

      expect(rawBytes().includes(Buffer.from(MEMBER_CODE))).toBe(false);
      const item = store.nextQueued()!;
      expect(JSON.parse(item.body).memberCode).toBe(MEMBER_CODE);
    });
  });
});

import { SealedText } from '../../src/node';

const SECRET = 'device-secret-for-vector';
const POS_CHECKOUTS = { keyInfo: 'pos-adapter:checkouts', associatedData: 'pos-adapter.checkouts' };
const PARKING_OUTBOX = {
  keyInfo: 'parking-adapter:outbox',
  associatedData: 'parking-adapter.outbox',
};

describe('SealedText (S-5.3a: customer information encrypted at rest)', () => {
  it('opens what it sealed, and seals the same text differently each time (fresh IV)', () => {
    const sealed = new SealedText(SECRET, POS_CHECKOUTS);
    const first = sealed.seal('{"memberCode":"M123"}');
    const second = sealed.seal('{"memberCode":"M123"}');
    expect(first).not.toBe(second);
    expect(first).not.toContain('M123');
    expect([sealed.open(first), sealed.open(second)]).toEqual([
      '{"memberCode":"M123"}',
      '{"memberCode":"M123"}',
    ]);
  });

  // Rows already on tills and gate adapters must still open: these were sealed by the
  // adapters' own AES-GCM code before it moved here, so the stored form cannot drift.
  it.each([
    [
      'a POS outbox row',
      POS_CHECKOUTS,
      'jHqwUGnCPdT+I80dQcztsJrk1f0+cK1PASyEDtYb97awTqfFV/0QkNMZ20027RMQ',
      '{"checkoutId":"c-1"}',
    ],
    [
      'a parking outbox row',
      PARKING_OUTBOX,
      'wsk6DWs2xoc3oixSxt0UP0AczHzbVswjPHoYlAmA8qpiQ0JmVsvpxtFRBg+gJluYPw==',
      '{"plate":"沪A12345"}',
    ],
  ])('still opens %s sealed by the earlier adapter code', (_what, purpose, stored, text) => {
    expect(new SealedText(SECRET, purpose).open(stored)).toBe(text);
  });

  it('cannot open a row after the device secret is rotated', () => {
    const stored = new SealedText(SECRET, POS_CHECKOUTS).seal('{"checkoutId":"c-2"}');
    expect(() => new SealedText('rotated-secret', POS_CHECKOUTS).open(stored)).toThrow();
  });

  it("cannot open one purpose's row under another's key and associated data", () => {
    const stored = new SealedText(SECRET, POS_CHECKOUTS).seal('{"checkoutId":"c-3"}');
    expect(() => new SealedText(SECRET, PARKING_OUTBOX).open(stored)).toThrow();
    expect(() =>
      new SealedText(SECRET, { ...POS_CHECKOUTS, associatedData: 'other' }).open(stored),
    ).toThrow();
  });

  it('refuses a row changed on disk (the GCM tag no longer matches)', () => {
    const sealed = new SealedText(SECRET, PARKING_OUTBOX);
    const bytes = Buffer.from(sealed.seal('{"plate":"沪B54321"}'), 'base64');
    bytes[bytes.length - 1] ^= 0x01;
    expect(() => sealed.open(bytes.toString('base64'))).toThrow();
  });
});

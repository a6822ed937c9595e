import { decodeScene } from '../../src/scene/decode-scene';

const FIELD_CASE = { g: 'A7K2', s: '12' };

describe('decodeScene', () => {
  describe('with the field-case scene', () => {
    it('decodes the percent-encoded scene g%3DA7K2%26s%3D12', () => {
      expect(decodeScene('g%3DA7K2%26s%3D12')).toEqual(FIELD_CASE);
    });

    it('gives the same result for the already decoded g=A7K2&s=12', () => {
      expect(decodeScene('g=A7K2&s=12')).toEqual(FIELD_CASE);
    });
  });

  describe('with other encodings of the same scene', () => {
    it.each([
      ['doubly encoded', 'g%253DA7K2%2526s%253D12'],
      ['triply encoded', 'g%25253DA7K2%252526s%25253D12'],
      ['lower-case hex', 'g%3dA7K2%26s%3d12'],
      ['partly encoded', 'g=A7K2%26s%3D12'],
      ['surrounded by whitespace', ' g%3DA7K2%26s%3D12\n'],
    ])('decodes it %s', (_label, scene) => {
      expect(decodeScene(scene)).toEqual(FIELD_CASE);
    });
  });

  describe('with bad percent sequences', () => {
    it.each([
      ['a lone % at the end', 'g%3DA7K2%26s%3D12%', { g: 'A7K2', s: '12%' }],
      ['a % with non-hex digits', 'g=A7%G2', { g: 'A7%G2' }],
      ['bytes that are not UTF-8', 'g=%E4%B8&s=1', { g: '%E4%B8', s: '1' }],
      ['a cut-off escape', 'g%3DA7K2%2', { g: 'A7K2%2' }],
    ])('keeps %s as it stands, without throwing', (_label, scene, expected) => {
      expect(decodeScene(scene)).toEqual(expected);
    });
  });

  describe('with unusual shapes', () => {
    it.each([
      ['a bare token', 'A7K2', { A7K2: '' }],
      ['a plus sign, which stays a plus', 'g%3DA%2BB+C', { g: 'A+B+C' }],
      ['an = inside a value', 'a=b=c', { a: 'b=c' }],
      ['empty parts', '&g=1&&s=2&', { g: '1', s: '2' }],
      ['a repeated key (the first counts)', 'g=1&g=2', { g: '1' }],
      ['an empty key', '=1&g=2', { g: '2' }],
      ['an empty scene', '', {}],
    ])('reads %s', (_label, scene, expected) => {
      expect(decodeScene(scene)).toEqual(expected);
    });

    it.each([undefined, null])('reads a missing scene (%p) as no pairs', (scene) => {
      expect(decodeScene(scene)).toEqual({});
    });

    it('keeps a __proto__ key as plain data without touching the prototype', () => {
      const pairs = decodeScene('__proto__%3Dx%26g%3D1');
      expect(Object.getPrototypeOf(pairs)).toBe(Object.prototype);
      expect(Object.keys(pairs)).toEqual(['__proto__', 'g']);
    });
  });
});

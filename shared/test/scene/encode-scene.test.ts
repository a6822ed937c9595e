import { decodeScene } from '../../src/scene/decode-scene';
import { encodeScene } from '../../src/scene/encode-scene';

const invalidScene = expect.objectContaining({ code: 'SCENE_INVALID' });

describe('encodeScene', () => {
  describe('with short tokens', () => {
    it('joins pairs in their order', () => {
      expect(encodeScene({ g: 'A7K2', s: '12' })).toBe('g=A7K2&s=12');
    });

    it('round-trips through WeChat percent-encoding and decodeScene', () => {
      const scene = encodeScene({ g: 'A7K2', s: '12' });
      expect(decodeScene(encodeURIComponent(scene))).toEqual({ g: 'A7K2', s: '12' });
    });

    it("round-trips every character of WeChat's set except the pair separator", () => {
      const value = "!#$'()*+,/:;=?@-._~";
      expect(decodeScene(encodeURIComponent(encodeScene({ v: value })))).toEqual({ v: value });
    });

    it('accepts exactly 32 characters', () => {
      expect(encodeScene({ t: 'A'.repeat(30) })).toHaveLength(32);
    });
  });

  describe('with what WeChat would refuse', () => {
    it('refuses 33 characters with SCENE_INVALID', () => {
      expect(() => encodeScene({ t: 'A'.repeat(31) })).toThrow(invalidScene);
    });

    it.each([
      ['a space', { g: 'A 7' }],
      ['a Chinese character', { g: '张' }],
      ['a percent sign', { g: '50%' }],
      ['an & in a value', { g: 'a&b' }],
      ['an = in a key', { 'g=': '1' }],
      ['an & in a key', { 'g&': '1' }],
      ['an empty key', { '': '1' }],
      ['no pairs at all', {}],
    ])('refuses %s with SCENE_INVALID', (_label, pairs) => {
      expect(() => encodeScene(pairs as Record<string, string>)).toThrow(invalidScene);
    });
  });
});

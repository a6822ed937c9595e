import { AppError } from '../errors/app-error';
import {
  SCENE_CHARACTERS,
  SCENE_KEY_SEPARATOR,
  SCENE_MAX_LENGTH,
  SCENE_PAIR_SEPARATOR,
} from './scene-charset';

/**
 * Build the `scene` for getwxacodeunlimit from pairs, in their order: 'g=A7K2&s=12'. WeChat
 * takes it as it is (it percent-encodes it on the way to the page). Put short tokens in it,
 * never personal data (a QR code is readable by anyone). Throws SCENE_INVALID when a key or
 * value is empty where it must not be, holds a separator or a character outside WeChat's set,
 * or when the whole scene is longer than 32 characters.
 */
export function encodeScene(pairs: Record<string, string>): string {
  const parts = Object.entries(pairs ?? {}).map(([key, value]) => encodePair(key, value));
  const scene = parts.join(SCENE_PAIR_SEPARATOR);
  if (parts.length === 0) throw new AppError('SCENE_INVALID', { details: { reason: 'empty' } });
  if (scene.length > SCENE_MAX_LENGTH) {
    throw new AppError('SCENE_INVALID', { details: { reason: 'too long', length: scene.length } });
  }

  return scene;
}

function encodePair(key: string, value: string): string {
  const text = String(value ?? '');
  const isKeyValid =
    key !== '' && !key.includes(SCENE_KEY_SEPARATOR) && !key.includes(SCENE_PAIR_SEPARATOR);
  const isValueValid = !text.includes(SCENE_PAIR_SEPARATOR);
  if (!isKeyValid || !isValueValid || !SCENE_CHARACTERS.test(key + text)) {
    throw new AppError('SCENE_INVALID', { details: { reason: 'character', key } });
  }

  return `${key}${SCENE_KEY_SEPARATOR}${text}`;
}

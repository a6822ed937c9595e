// WeChat getwxacodeunlimit: `scene` is at most 32 visible characters from this set.
export const SCENE_MAX_LENGTH = 32;

export const SCENE_CHARACTERS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/;

// Our scenes are 'key=value' pairs joined with '&' (g=A7K2&s=12).
export const SCENE_PAIR_SEPARATOR = '&';

export const SCENE_KEY_SEPARATOR = '=';

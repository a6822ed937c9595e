/**
 * Which build this code runs in. Taro replaces process.env.TARO_ENV at build time, so the
 * branch for the other platform is dropped from the bundle; unit tests set it per test.
 */
export function isWeapp(): boolean {
  return process.env.TARO_ENV === 'weapp';
}

/** The channel a consent or a session is recorded under (server ChannelSchema). */
export function appChannel(): 'weapp' | 'h5' {
  return isWeapp() ? 'weapp' : 'h5';
}

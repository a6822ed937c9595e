import { isWeapp } from '../platform/runtime';

/**
 * The server the weapp build talks to. WeChat only lets a mini-program call HTTPS domains listed
 * in its admin console ("request 合法域名"), so this is set per deployment before `build:weapp`.
 */
export const WEAPP_API_BASE_URL = 'https://member.example.com';

/** H5 is served by the same server under /h5/, so it calls the API on its own origin. */
export function apiBaseUrl(): string {
  return isWeapp() ? WEAPP_API_BASE_URL : '';
}

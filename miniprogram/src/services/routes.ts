import Taro from '@tarojs/taro';

/** Every page, as registered in app.config.ts. */
export const ROUTES = {
  home: '/pages/home/index',
  privacyNotice: '/pages/privacy-notice/index',
  signup: '/pages/signup/index',
  phoneBinding: '/pages/phone-binding/index',
  cardBinding: '/pages/card-binding/index',
  account: '/pages/account/index',
  login: '/pages/login/index',
  parking: '/pages/parking/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

function withQuery(route: Route, query?: Record<string, string>): string {
  if (!query) return route;

  const pairs = Object.entries(query).map(
    ([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`,
  );
  return `${route}?${pairs.join('&')}`;
}

export function openPage(route: Route, query?: Record<string, string>) {
  return Taro.navigateTo({ url: withQuery(route, query) });
}

/** Replace the current page (no way back to it, e.g. a finished sign-up form). */
export function replacePage(route: Route, query?: Record<string, string>) {
  return Taro.redirectTo({ url: withQuery(route, query) });
}

/** Start over from one page (after logout or account deletion). */
export function restartAt(route: Route) {
  return Taro.reLaunch({ url: route });
}

/** Back to the previous page, or to `fallback` when this page was opened first. */
export function goBackOr(fallback: Route) {
  if (Taro.getCurrentPages().length > 1) return Taro.navigateBack();

  return Taro.reLaunch({ url: fallback });
}

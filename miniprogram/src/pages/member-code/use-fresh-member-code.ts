import { useDidHide, useDidShow, useUnload } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';

import { isLoggedIn } from '../../services/session';
import { secondsToWait } from './code-wait';
import { fetchMemberCode, type IssuedMemberCode } from './member-code-api';

/** Ask a little before the code's step ends, so the screen never shows a lapsed code. */
const REFRESH_BEFORE_EXPIRY_MS = 2_000;
const SHORTEST_WAIT_MS = 1_000;

export interface FreshMemberCode {
  issued?: IssuedMemberCode;
  secondsLeft: number;
  /** Seconds until the page asks again after a 429 (both codes of this moment were used). */
  waitSeconds: number;
  error?: unknown;
  refresh: () => void;
}

/**
 * The member's current code, fetched when the page shows and again just before it expires;
 * nothing runs while the page is hidden, so a code is never fetched for an empty screen. When
 * the server says to wait (RATE_LIMITED), the page counts down and asks again by itself.
 */
export function useFreshMemberCode(): FreshMemberCode {
  const [issued, setIssued] = useState<IssuedMemberCode>();
  const [error, setError] = useState<unknown>();
  const [waitUntil, setWaitUntil] = useState<number>();
  const [now, setNow] = useState(Date.now());
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const stop = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
  }, []);

  const load = useCallback(async () => {
    stop();
    // The page sends a visitor without a session to log in; nothing to ask for meanwhile.
    if (!isLoggedIn()) return;
    try {
      const next = await fetchMemberCode();
      setIssued(next);
      setError(undefined);
      setWaitUntil(undefined);
      const wait = Date.parse(next.expiresAt) - Date.now() - REFRESH_BEFORE_EXPIRY_MS;
      timer.current = setTimeout(() => void load(), Math.max(wait, SHORTEST_WAIT_MS));
    } catch (failure) {
      setIssued(undefined);
      setError(failure);
      const seconds = secondsToWait(failure);
      setWaitUntil(seconds === undefined ? undefined : Date.now() + seconds * 1000);
      if (seconds !== undefined) timer.current = setTimeout(() => void load(), seconds * 1000);
    }
  }, [stop]);

  useDidShow(() => void load());
  useDidHide(stop);
  useUnload(stop);

  useEffect(() => {
    const ticker = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(ticker);
  }, []);

  const secondsLeft = issued
    ? Math.max(0, Math.ceil((Date.parse(issued.expiresAt) - now) / 1000))
    : 0;
  const waitSeconds = waitUntil ? Math.max(0, Math.ceil((waitUntil - now) / 1000)) : 0;
  return { issued, secondsLeft, waitSeconds, error, refresh: () => void load() };
}

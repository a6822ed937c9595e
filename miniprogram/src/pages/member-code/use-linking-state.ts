import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';

import { fetchMyConsents } from '../../services/consent-api';
import { isLoggedIn } from '../../services/session';
import { linkingStateOf, type LinkingState } from './linking-notice';

/**
 * Whether this member's code earns points at the till, read from their consents each time
 * the page shows (they may have just changed it on the account page). A failed read leaves
 * it unknown, which the page words so that it is true either way.
 */
export function useLinkingState(): LinkingState {
  const [state, setState] = useState<LinkingState>('unknown');

  useDidShow(() => {
    if (!isLoggedIn()) return;
    fetchMyConsents().then(
      (consents) => setState(linkingStateOf(consents)),
      () => setState('unknown'),
    );
  });
  return state;
}

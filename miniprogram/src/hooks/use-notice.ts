import { useCallback, useEffect, useState } from 'react';

import { messageOf } from '../services/api-error';
import type { PrivacyNotice } from '../services/api-types';
import { fetchCurrentNotice } from '../services/consent-api';

/** The current privacy notice, loaded once per page; reload() after NOTICE_VERSION_OUTDATED. */
export function useNotice() {
  const [notice, setNotice] = useState<PrivacyNotice>();
  const [error, setError] = useState<string>();

  const reload = useCallback(async () => {
    try {
      setNotice(await fetchCurrentNotice());
      setError(undefined);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { notice, error, reload };
}

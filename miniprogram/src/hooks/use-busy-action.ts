import { useState } from 'react';
import { messageOf } from '../services/api-error';

/**
 * One action at a time on a page: `busy` while it runs (buttons show loading), its failure as
 * the page's error message, and the message cleared when an action succeeds.
 */
export function useBusyAction() {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function run(work: () => Promise<void>) {
    setBusy(true);
    try {
      await work();
      setError('');
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, setError, run };
}

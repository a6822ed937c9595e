/**
 * The pause between two checks of an order's status, which the page can end early: after a
 * simulated payment the next check need not wait out the rest of the interval.
 */
export function interruptiblePause() {
  let cutShort: (() => void) | undefined;

  return {
    pause(ms: number): Promise<void> {
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        cutShort = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
    /** Ends the pause under way, if any. */
    wake(): void {
      cutShort?.();
    },
  };
}

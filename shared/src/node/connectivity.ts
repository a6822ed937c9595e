/**
 * Whether the server answered lately, as an adapter sees it. The parking adapter stops asking
 * live after a failed or slow call (the camera must not wait for a dead server) until a
 * background check succeeds; the POS adapter sends new sales behind a backlog rather than
 * ahead of it. Listeners hear only real changes, never a repeat of the current state.
 */
export class Connectivity {
  private up = true;
  private readonly listeners: Array<(up: boolean) => void> = [];

  get isUp(): boolean {
    return this.up;
  }

  markDown(): void {
    if (!this.up) return;
    this.up = false;
    for (const listener of this.listeners) listener(false);
  }

  markUp(): void {
    if (this.up) return;
    this.up = true;
    for (const listener of this.listeners) listener(true);
  }

  onChange(listener: (up: boolean) => void): void {
    this.listeners.push(listener);
  }
}

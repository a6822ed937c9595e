/**
 * Whether the server is worth asking. After a failed or slow call the adapter stops asking
 * live (the camera must not wait for a dead server) until a background check succeeds.
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

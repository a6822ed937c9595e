/**
 * Whether the server answered lately, for the till's status line and to send new sales
 * behind a backlog rather than ahead of it.
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

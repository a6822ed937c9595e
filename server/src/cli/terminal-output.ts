/** What a CLI command tells the person at the terminal: stdout for results, stderr for notes. */
export function printLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function printNote(text: string): void {
  process.stderr.write(`${text}\n`);
}

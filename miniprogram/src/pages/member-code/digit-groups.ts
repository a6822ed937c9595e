/** Four digits a group, as cashiers read a code aloud when the scanner fails. */
export function groupDigits(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

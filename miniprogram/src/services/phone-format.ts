/** Loose check before asking the server (which normalises and checks for real). */
export function isMainlandMobile(text: string): boolean {
  return /^1[3-9]\d{9}$/.test(text.replace(/[\s-]/g, '').replace(/^\+?86/, ''));
}

export function cleanPhoneInput(text: string): string {
  return text.replace(/[\s-]/g, '').replace(/^\+?86/, '');
}

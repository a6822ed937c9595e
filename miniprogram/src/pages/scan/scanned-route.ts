import { readScannedCode, type ScannedCode } from '@memberkit/shared';

/** Our pages, by the kind of code that opens them (server qr-codes.ts QR_PAGES). */
export const COLLECTION_PAGES = {
  campaign: '/pages/campaign/index',
  survey: '/pages/survey/index',
  scan: '/pages/scan/index',
  signup: '/pages/signup/index',
} as const;

/**
 * The code a page was opened with: `?c=<token>` (H5 URL), `?scene=c%3D<token>` (mini-program
 * code), or nothing. Undefined when there is none; throws QR_TOKEN_INVALID for a bad one.
 */
export function codeFromParams(
  params: Record<string, string | undefined>,
): ScannedCode | undefined {
  if (params.scene) return readScannedCode(params.scene);

  const key = ['c', 'q', 'g', 'd'].find((candidate) => params[candidate]);
  return key ? readScannedCode(`${key}=${params[key]}`) : undefined;
}

/** The page a campaign or survey code opens; guides and desk codes stay on the scan page. */
export function pageFor(code: ScannedCode): string | undefined {
  if (code.kind === 'campaign') return `${COLLECTION_PAGES.campaign}?c=${code.token}`;
  if (code.kind === 'survey') return `${COLLECTION_PAGES.survey}?q=${code.token}`;
  return undefined;
}

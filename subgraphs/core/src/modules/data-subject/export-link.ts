import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a finished export can be downloaded (once). */
export const EXPORT_TTL_MS = 24 * 3_600_000;

/** Where the gateway serves a download: `/data-exports/<request id>?expires&signature`. */
export const exportDownloadPath = (requestId: string) => `/data-exports/${requestId}`;

/**
 * The link's signature binds the request, the person it was made for and its expiry, under the
 * services' IDENTITY_SECRET (domain-separated): a tampered or another person's link does not verify.
 */
export function signExportLink(secret: string, link: { requestId: string; userId: string; expires: number }): string {
  return createHmac('sha256', secret).update(`data-export\n${link.requestId}\n${link.userId}\n${link.expires}`).digest('base64url');
}

export function exportLinkVerifies(
  secret: string,
  link: { requestId: string; userId: string; expires: number; signature: string },
): boolean {
  const expected = Buffer.from(signExportLink(secret, link));
  const given = Buffer.from(link.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function exportDownloadUrl(secret: string, link: { requestId: string; userId: string; expires: number }): string {
  const query = new URLSearchParams({ expires: String(link.expires), signature: signExportLink(secret, link) });
  return `${exportDownloadPath(link.requestId)}?${query.toString()}`;
}

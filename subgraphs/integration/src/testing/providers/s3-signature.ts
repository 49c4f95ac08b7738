import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/**
 * AWS Signature Version 4 as S3 checks it, recomputed by hand from the published algorithm
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html) so the local S3
 * verifies what the SDK signs instead of trusting it.
 */

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Why a request's signature is not accepted: the S3 error code and message to answer with. */
export interface SignatureFault {
  status: number;
  code: string;
  message: string;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
/** Payload hashes that say the body is not part of the signature. */
const UNSIGNED_PAYLOADS = new Set(['UNSIGNED-PAYLOAD', 'STREAMING-UNSIGNED-PAYLOAD-TRAILER']);

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 percent-encoding, as SigV4 wants it for query names and values. */
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [name = '', value = ''] = pair.split(/=(.*)/s).map((part) => decodeURIComponent(part.replace(/\+/g, '%20')));
      return [encode(name), encode(value)] as const;
    })
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

const headerValue = (request: Request, name: string) => {
  const value = request.headers[name];
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
};

/** The fault in a request's SigV4 signature, or null when `credentials` signed it. */
export function signatureFault(request: Request, body: Buffer, credentials: S3Credentials): SignatureFault | null {
  const match = AUTHORIZATION.exec(headerValue(request, 'authorization'));
  if (!match) return { status: 403, code: 'AccessDenied', message: 'Access Denied' };
  const [, accessKeyId, date, region, service, signedHeaderList, signature] = match as unknown as string[];
  if (accessKeyId !== credentials.accessKeyId)
    return { status: 403, code: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  if (credentials.sessionToken !== undefined && headerValue(request, 'x-amz-security-token') !== credentials.sessionToken)
    return { status: 403, code: 'InvalidToken', message: 'The provided token is malformed or otherwise invalid.' };
  const payloadHash = headerValue(request, 'x-amz-content-sha256');
  if (!payloadHash)
    return { status: 400, code: 'InvalidRequest', message: 'Missing required header for this request: x-amz-content-sha256' };
  if (!UNSIGNED_PAYLOADS.has(payloadHash) && payloadHash !== sha256Hex(body))
    return {
      status: 400,
      code: 'XAmzContentSHA256Mismatch',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    };
  const signedHeaders = signedHeaderList!.split(';');
  if (!signedHeaders.includes('host')) return { status: 403, code: 'SignatureDoesNotMatch', message: 'The host header must be signed.' };
  const [rawPath = '/', rawQuery = ''] = request.originalUrl.split(/\?(.*)/s);
  const canonicalRequest = [
    request.method,
    rawPath,
    canonicalQuery(rawQuery),
    signedHeaders.map((name) => `${name}:${headerValue(request, name)}\n`).join(''),
    signedHeaderList,
    payloadHash,
  ].join('\n');
  const amzDate = headerValue(request, 'x-amz-date');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, date!);
  for (const part of [region!, service!, 'aws4_request']) key = hmac(key, part);
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  if (!amzDate.startsWith(date!) || !timingSafeEqual(expected, Buffer.from(signature!, 'hex')))
    return {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };
  return null;
}

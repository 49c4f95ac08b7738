import { z } from 'zod';
import { defineAction, type Connector, type ProviderCall } from '../connector';
import { isProviderError, ProviderError } from '../provider-errors';
import type { ProviderRequest } from '../provider-http';
import { bytesOf, fileContentFields, notBase64, validBase64 } from '../file-content';

/** Dropbox's endpoint-specific error (HTTP 409), and its 401/429 bodies: `{ error_summary, error: { '.tag' } }`. */
const dropboxError = z.object({ error_summary: z.string(), error: z.unknown() });

/** Calls a Dropbox API v2 endpoint with the account's token; 401 and 429 (Retry-After) are classified by ProviderHttp. */
async function callDropbox(call: ProviderCall, request: ProviderRequest): Promise<unknown> {
  if (call.credentials.kind !== 'oauth2') throw new ProviderError('unauthorized', 'Dropbox needs an OAuth token');
  const response = await call.http.request(
    { ...request, headers: { authorization: `Bearer ${call.credentials.accessToken}`, ...request.headers } },
    call.signal,
  );
  return response.json;
}

/**
 * Dropbox-API-Arg must be "HTTP header safe" JSON: 0x7F and every non-ASCII character escaped as
 * \uXXXX (JSON.stringify already escapes control characters).
 */
const headerSafeJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A path (`/folder/file.txt`), or a file id (`id:…`) or namespace path (`ns:…`), as Dropbox accepts them. */
const dropboxPath = z
  .string()
  .max(4_000)
  .regex(/^(\/.+|id:.+|ns:\d+(\/.*)?)$/, 'a Dropbox path starting with /, id: or ns:');

const fileMetadata = z.object({ id: z.string(), name: z.string(), path_display: z.string().optional(), rev: z.string() }).passthrough();

const uploadFile = defineAction({
  description: 'Uploads a file of up to 150 MB (files/upload), adding or overwriting at the path.',
  input: z
    .object({
      path: dropboxPath,
      ...fileContentFields,
      /** `add` keeps an existing file (conflict, or a renamed copy with autorename); `overwrite` replaces it. */
      mode: z.enum(['add', 'overwrite']).default('add'),
      autorename: z.boolean().default(false),
      /** Don't notify the user's devices of the change. */
      mute: z.boolean().default(false),
    })
    .refine(validBase64, notBase64),
  output: z.object({ id: z.string(), name: z.string(), pathDisplay: z.string().nullable(), rev: z.string() }),
  // Repeating an `overwrite` is harmless, but `add` with autorename makes a second copy, and the
  // flag is the action's, not the input's: run once per step.
  idempotent: false,
  async run(call) {
    const { path, mode, autorename, mute } = call.input;
    const file = fileMetadata.parse(
      await callDropbox(call, {
        endpoint: 'content',
        method: 'POST',
        path: '/2/files/upload',
        headers: { 'dropbox-api-arg': headerSafeJson({ path, mode, autorename, mute }), 'content-type': 'application/octet-stream' },
        body: bytesOf(call.input),
      }),
    );
    return { id: file.id, name: file.name, pathDisplay: file.path_display ?? null, rev: file.rev };
  },
});

const sharedLinkMetadata = z.object({ url: z.string(), name: z.string(), path_lower: z.string().optional() }).passthrough();

/** The 409 body of create_shared_link_with_settings when the path already has a link, with its metadata when Dropbox includes it. */
const alreadyExists = z.object({
  error: z.object({
    '.tag': z.literal('shared_link_already_exists'),
    shared_link_already_exists: z.object({ '.tag': z.string(), metadata: sharedLinkMetadata.optional() }).optional(),
  }),
});

const linkOutput = (link: z.infer<typeof sharedLinkMetadata>) => ({ url: link.url, name: link.name, pathLower: link.path_lower ?? null });

const createSharedLink = defineAction({
  description: "Creates a shared link to a file or folder (sharing/create_shared_link_with_settings), or returns the path's existing one.",
  input: z.object({ path: dropboxPath }),
  output: z.object({ url: z.string(), name: z.string(), pathLower: z.string().nullable() }),
  // A repeat finds the link the first call made and returns it: the effect of one call.
  idempotent: true,
  async run(call) {
    const { path } = call.input;
    try {
      const link = await callDropbox(call, {
        endpoint: 'api',
        method: 'POST',
        path: '/2/sharing/create_shared_link_with_settings',
        json: { path },
      });
      return linkOutput(sharedLinkMetadata.parse(link));
    } catch (error) {
      const existing = isProviderError(error, 'rejected') && error.status === 409 ? alreadyExists.safeParse(error.body) : undefined;
      if (!existing?.success) throw error;
      const metadata = existing.data.error.shared_link_already_exists?.metadata;
      if (metadata) return linkOutput(metadata);
      // Dropbox may leave the metadata out; the documented fallback is to list the path's direct links.
      const listed = z.object({ links: z.array(sharedLinkMetadata) }).parse(
        await callDropbox(call, {
          endpoint: 'api',
          method: 'POST',
          path: '/2/sharing/list_shared_links',
          json: { path, direct_only: true },
        }),
      );
      const [link] = listed.links;
      if (!link) throw error;
      return linkOutput(link);
    }
  },
});

export const dropboxConnector: Connector = {
  id: 'dropbox',
  displayName: 'Dropbox',
  auth: {
    kind: 'oauth2',
    authorizeUrl: 'https://www.dropbox.com/oauth2/authorize',
    tokenUrl: 'https://api.dropboxapi.com/oauth2/token',
    // No revokeUrl: Dropbox revokes with POST /2/auth/token/revoke under the token's own bearer
    // auth, which is not RFC 7009's form-encoded `token` request.
    scopes: ['account_info.read', 'files.content.write', 'sharing.read', 'sharing.write'],
    // Short-lived access tokens come with a refresh token only when asked for.
    authorizeParams: { token_access_type: 'offline' },
  },
  endpoints: { api: 'https://api.dropboxapi.com', content: 'https://content.dropboxapi.com' },
  actions: { upload_file: uploadFile, create_shared_link: createSharedLink },
  // Dropbox publishes no numbers, only 429 with Retry-After (which ProviderHttp obeys): 10 a second
  // per account is a cautious pace, not a documented quota.
  rateLimit: { requests: 10, perSeconds: 1 },
  errorMessage(body) {
    return dropboxError.safeParse(body).data?.error_summary;
  },
  async healthCheck(call) {
    // An RPC endpoint without arguments takes the JSON body `null`.
    await callDropbox(call, { endpoint: 'api', method: 'POST', path: '/2/users/get_current_account', json: null });
  },
};

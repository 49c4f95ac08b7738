import { z } from 'zod';

/** Uploads carry at most this much content in a step's input (base64 of about 7.5 MiB). */
const MAX_FILE_CONTENT_CHARS = 10 * 1024 * 1024;

/**
 * The content fields of an upload action's input: text, or bytes in base64 (Buffer.from would
 * silently drop characters outside the alphabet, so they are refused here).
 */
export const fileContentFields = {
  content: z.string().max(MAX_FILE_CONTENT_CHARS),
  /** `utf8`: content is text; `base64`: content is the file's bytes in base64. */
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
};

export const validBase64 = (input: { content: string; encoding: 'utf8' | 'base64' }) =>
  input.encoding === 'utf8' || /^[A-Za-z0-9+/]*={0,2}$/.test(input.content.replace(/\s/g, ''));

export const notBase64 = { message: 'content is not valid base64', path: ['content'] };

export const bytesOf = (input: { content: string; encoding: 'utf8' | 'base64' }): Buffer => Buffer.from(input.content, input.encoding);

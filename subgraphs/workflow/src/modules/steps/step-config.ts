import type { z } from 'zod';
import { DoNotRetryError } from './step.errors';

/** Parses a step's config with its type's schema; a bad config is a permanent failure. */
export function parseConfig<S extends z.ZodTypeAny>(type: string, schema: S, config: unknown): z.infer<S> {
  const parsed = schema.safeParse(config);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
    throw new DoNotRetryError(`Invalid ${type} config: ${problems}`);
  }
  return parsed.data;
}

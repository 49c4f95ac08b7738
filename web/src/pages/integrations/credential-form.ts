import type { CredentialInput } from '../../generated/graphql';

/** The graph's limits (the integration subgraph checks them again, and which fields a connector requires). */
export const MAX_DISPLAY_NAME = 100;
export const MAX_CREDENTIAL_LENGTH = 4096;

export interface ConnectForm {
  displayName: string;
  /** Credential name → value, for API_KEY connectors. */
  credentials: Record<string, string>;
}

/**
 * Problems with the form by field (`displayName`, `credentials.<name>`, the server's paths), and
 * the credentials to send. Blank credentials are left out: which ones a connector requires (S3's
 * keys) or takes optionally (HTTP's `authorization`) only the server knows, and it names them.
 */
export function checkConnectForm(
  form: ConnectForm,
  fields: string[],
): { problems: Record<string, string>; credentials: CredentialInput[] } {
  const problems: Record<string, string> = {};
  const name = form.displayName.trim();
  if (!name) problems.displayName = 'Enter a name for this connection';
  else if (name.length > MAX_DISPLAY_NAME) problems.displayName = `At most ${MAX_DISPLAY_NAME} characters`;
  const credentials: CredentialInput[] = [];
  for (const field of fields) {
    const value = form.credentials[field] ?? '';
    if (value.length > MAX_CREDENTIAL_LENGTH) problems[`credentials.${field}`] = `At most ${MAX_CREDENTIAL_LENGTH} characters`;
    else if (value.trim() !== value && value.trim() !== '') problems[`credentials.${field}`] = 'Remove the spaces at the start or end';
    else if (value !== '' && value.trim() !== '') credentials.push({ name: field, value });
  }
  return { problems, credentials };
}

/** "accessKeyId" → "Access key id", for a label. */
export function credentialLabel(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

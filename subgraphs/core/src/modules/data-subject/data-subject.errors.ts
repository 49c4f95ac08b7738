import { conflict, validationError } from '@flowgraph/kernel';

export const confirmationMismatch = (field: string, what: string) =>
  validationError([{ field, message: `Must be ${what}` }], 'The confirmation does not match');

/** deleteMyAccount while the caller alone owns organizations that others belong to. */
export const soleOwnerOf = (names: readonly string[]) =>
  conflict(
    `You are the only owner of ${names.map((n) => `"${n}"`).join(', ')}: make another member an owner or delete ${
      names.length === 1 ? 'that organization' : 'those organizations'
    } first`,
  );

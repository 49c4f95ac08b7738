import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A person who can log in; the email is unique case-insensitively (index on lower(email)). */
export const UserEntity = defineEntity({
  name: 'User',
  tableName: 'core.users',
  properties: {
    id: p.uuid().primary(),
    email: p.text(),
    name: p.text(),
    passwordHash: p.text().lazy().hidden(),
    createdAt: p.datetime(3),
  },
});

export type User = InferEntity<typeof UserEntity>;

/** A user as reads return it (`userFromRow`): never the password hash, which only login reads. */
export type UserProfile = Omit<User, 'passwordHash'>;

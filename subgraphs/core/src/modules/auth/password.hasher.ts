import { argon2id, hash, verify } from 'argon2';

export interface PasswordHasherOptions {
  /** KiB of memory per hash. Production default (config): 19456, OWASP's argon2id minimum. */
  memoryCost: number;
  /** Passes over memory. Production default (config): 2. */
  timeCost: number;
}

/** argon2id password hashing; parameters come from config so tests can lower them. */
export class PasswordHasher {
  private dummy?: Promise<string>;

  constructor(private readonly options: PasswordHasherOptions) {}

  hash(password: string): Promise<string> {
    return hash(password, { type: argon2id, memoryCost: this.options.memoryCost, timeCost: this.options.timeCost, parallelism: 1 });
  }

  verify(digest: string, password: string): Promise<boolean> {
    return verify(digest, password);
  }

  /** Spends the same time as a real check when the email is unknown, so timing does not reveal accounts. */
  async verifyNothing(password: string): Promise<false> {
    this.dummy ??= this.hash('no-such-user-placeholder');
    await verify(await this.dummy, password);
    return false;
  }
}

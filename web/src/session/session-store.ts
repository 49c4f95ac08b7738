import type { SessionTokensFragment } from '../generated/graphql';

/** What the app keeps of a signed-in session: the tokens and who/where they act as. */
export type Session = SessionTokensFragment;

const STORAGE_KEY = 'flowgraph.session';
/** Refresh this long before the access token expires, so no request is sent with a dying token. */
const EXPIRY_MARGIN_MS = 30_000;

type Listener = (session: Session | null) => void;

/**
 * The session, kept in localStorage so every tab shares it (a sign-out in one tab signs all out,
 * through the `storage` event). Refresh tokens rotate and a replayed one revokes the whole
 * session, so tabs refresh one at a time (Web Locks) and a tab that waited takes the tokens the
 * other one stored instead of presenting the used token again.
 */
export class SessionStore {
  private session: Session | null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage: Storage = window.localStorage) {
    this.session = this.read();
    window.addEventListener('storage', (event) => {
      if (event.key !== STORAGE_KEY) return;
      this.session = this.read();
      this.emit();
    });
  }

  get current(): Session | null {
    return this.session;
  }

  /** True while the access token has more than the margin left. */
  accessTokenFresh(session: Session | null = this.session): boolean {
    return session !== null && Date.parse(session.accessTokenExpiresAt) - EXPIRY_MARGIN_MS > Date.now();
  }

  set(session: Session): void {
    this.session = session;
    this.storage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.emit();
  }

  clear(): void {
    this.session = null;
    this.storage.removeItem(STORAGE_KEY);
    this.emit();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * New tokens through `refresh(refreshToken)`, one tab at a time. Another tab may have refreshed
   * while this one waited for the lock: its stored tokens are taken as they are. A refused
   * refresh (expired, revoked, reused) signs out.
   */
  async refresh(refresh: (refreshToken: string) => Promise<Session | null>): Promise<Session | null> {
    const run = async (): Promise<Session | null> => {
      const stored = this.read();
      if (stored === null) return this.settle(null);
      if (stored.refreshToken !== this.session?.refreshToken && this.accessTokenFresh(stored)) return this.settle(stored);
      return this.settle(await refresh(stored.refreshToken));
    };
    return navigator.locks ? navigator.locks.request('flowgraph.session.refresh', run) : run();
  }

  private settle(session: Session | null): Session | null {
    if (session) this.set(session);
    else this.clear();
    return session;
  }

  private read(): Session | null {
    const raw = this.storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as Session;
    } catch {
      return null;
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.session);
  }
}

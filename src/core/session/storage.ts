/** Where a session token is kept between page loads. Only the token: never personal data. */
export type SessionPersistence = 'tab' | 'memory';

export interface TokenStorage {
  read(): string | null;
  write(token: string | null): void;
}

export function memoryStorage(): TokenStorage {
  let token: string | null = null;
  return {
    read: () => token,
    write: (next) => {
      token = next;
    },
  };
}

/**
 * sessionStorage: survives a reload in this tab, ends with the tab, is never shared with
 * other tabs. Falls back to memory where storage is blocked (some embedded contexts).
 */
export function tabStorage(key: string): TokenStorage {
  const fallback = memoryStorage();
  const store = (): Storage | null => {
    try {
      return globalThis.sessionStorage ?? null;
    } catch {
      return null;
    }
  };
  return {
    read() {
      try {
        return store()?.getItem(key) ?? fallback.read();
      } catch {
        return fallback.read();
      }
    },
    write(token) {
      fallback.write(token);
      try {
        if (token) store()?.setItem(key, token);
        else store()?.removeItem(key);
      } catch {
        // Storage full or blocked: the in-memory copy still serves this page.
      }
    },
  };
}

/**
 * Where a session token is kept between page loads. Only the token: never personal data.
 * `tab`: sessionStorage (survives a reload, R26 deviation, see docs/security.md);
 * `memory`: a variable (R26 mode B, a reload signs out); `cookie`: nowhere on the page, the
 * endpoint keeps it in an HttpOnly cookie (R26 mode A, the endpoint on the practice's own site).
 */
export type SessionPersistence = 'tab' | 'memory' | 'cookie';

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

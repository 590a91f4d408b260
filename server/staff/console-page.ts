import { parseLinkPage } from '../auth/link-url.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';

/** The practice's console page (`practices.console_url`), as configured; null when none. */
export function findConsoleUrl(db: Db, practiceId: number): string | null {
  return statement<[number], string | null>(db, 'SELECT console_url FROM practices WHERE id = ?').pluck().get(practiceId) ?? null;
}

/** Sets the console page; the caller checked it is a usable link page (consolePage). */
export function setConsoleUrl(db: Db, now: number, practiceId: number, consoleUrl: string | null): void {
  statement<[string | null, number, number]>(db, 'UPDATE practices SET console_url = ?, updated_at = ? WHERE id = ?').run(consoleUrl, now, practiceId);
}

/**
 * The page a staff sign-in link opens (R12): the practice's configured console page only, never
 * built from Host or X-Forwarded-Host, and only https (or http on a loopback host, a
 * development machine), as the clients' portal page. Undefined when none is usable.
 */
export function consolePage(consoleUrl: string | null): URL | undefined {
  const page = parseLinkPage(consoleUrl);
  if (page) page.hash = '';
  return page;
}

/** The console page with the token in its fragment (R7): `…#staff-token=<token>`, never sent to any server. */
export function staffSignInLink(page: URL, token: string): string {
  const url = new URL(page.href);
  url.hash = `staff-token=${token}`;
  return url.href;
}

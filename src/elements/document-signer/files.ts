/** SHA-256 of the exact text shown, as hex: what the signature record binds to (R44). */
export async function sha256Hex(text: string): Promise<string | undefined> {
  // crypto.subtle exists only in secure contexts; without it the endpoint's hash stands.
  if (!globalThis.crypto?.subtle) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Hands a fetched file to the browser's download, through an object URL that lives only for
 * the click: the PDF was fetched with the session, so no link could carry it (R50, R51).
 */
export function saveBlob(blob: Blob, title: string, host: ParentNode): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  // Letters, digits and dashes only: a file name that every system accepts.
  link.download = `${title.normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'document'}.pdf`;
  link.hidden = true;
  host.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A save the debouncer runs; `keepalive` asks for a request that outlives the page. */
export type DraftSave = (keepalive: boolean) => Promise<void>;

/**
 * Runs `save` once typing pauses for `delayMs`; `flush()` runs a pending save at once.
 * Each save must handle its own failure (it shows it); the debouncer never rejects.
 */
export class Debouncer {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending: DraftSave | undefined;
  /** Saves already sent: a flush waits for them too, so what loads next sees the newest draft. */
  readonly #running = new Set<Promise<void>>();

  constructor(private readonly delayMs: number) {}

  schedule(save: DraftSave): void {
    this.#pending = save;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /**
   * Sends the pending save now (with `keepalive` when the page may be going away), then waits
   * for every save still under way. It does not queue behind a running save: as a page closes
   * there is no later turn, and each save carries every answer typed so far anyway.
   */
  async flush(keepalive = false): Promise<void> {
    clearTimeout(this.#timer);
    const save = this.#pending;
    this.#pending = undefined;
    if (save) {
      const running: Promise<void> = save(keepalive)
        .catch(() => {})
        .finally(() => this.#running.delete(running));
      this.#running.add(running);
    }
    await Promise.all(this.#running);
  }

  /** Drops the pending save; one already sent still completes. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#pending = undefined;
  }
}

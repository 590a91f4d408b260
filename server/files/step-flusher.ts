import { open, type FileHandle } from 'node:fs/promises';

/**
 * A large upload's written bytes are flushed to disk in steps of this size while it streams
 * (one fdatasync at a time, not awaited by the writes). Otherwise the whole file would still
 * be in the page cache at the commit's fsync, which then waits for all of it after the last
 * byte; flushing along the way overlaps the disk with the network (measured: +10–20% on a
 * 512 MB upload) and leaves more of an interrupted upload durable.
 */
const FLUSH_STEP_BYTES = 64 * 1024 * 1024;

/** Flushes a file being written every FLUSH_STEP_BYTES, one fdatasync at a time, in the background. */
export class StepFlusher {
  #handle: Promise<FileHandle> | undefined;
  #inFlight: Promise<void> | undefined;
  #flushedTo: number;

  constructor(
    private readonly path: string,
    offset: number,
  ) {
    this.#flushedTo = offset;
  }

  written(upTo: number): void {
    if (this.#inFlight || upTo - this.#flushedTo < FLUSH_STEP_BYTES) return;
    this.#flushedTo = upTo;
    this.#handle ??= open(this.path, 'r');
    this.#inFlight = this.#handle
      .then((handle) => handle.datasync())
      // A failed flush only loses the head start: the commit's fsync still makes the file durable.
      .catch(() => undefined)
      .finally(() => {
        this.#inFlight = undefined;
      });
  }

  async close(): Promise<void> {
    await this.#inFlight;
    const handle = await this.#handle?.catch(() => undefined);
    await handle?.close();
  }
}

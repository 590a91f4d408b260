import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Upload ids and storage names: 128 random bits, hex (R49). Nothing else names a file on disk. */
const NAME = /^[0-9a-f]{32}$/;

export const newRandomName = (): string => randomBytes(16).toString('hex');
export const isRandomName = (name: string): boolean => NAME.test(name);

/**
 * The file storage under one root, all on one file system so every move is a `rename`:
 * - `partial/`: uploads in progress, as @tus/file-store keeps them (`<id>` and `<id>.json`);
 * - `tmp/`: rewritten images being written before their rename;
 * - `store/`: committed files under random names.
 * Folders are 0700 and files 0600: only the server's user reads them, nothing executes them,
 * and nothing serves them except the authorized download route (R50).
 */
export class FileStorage {
  readonly root: string;
  readonly partialDir: string;
  readonly tmpDir: string;
  readonly storeDir: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.partialDir = join(this.root, 'partial');
    this.tmpDir = join(this.root, 'tmp');
    this.storeDir = join(this.root, 'store');
  }

  /** Creates the folders (synchronously, at startup). */
  ensure(): void {
    for (const dir of [this.root, this.partialDir, this.tmpDir, this.storeDir]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  partialPath(uploadId: string): string {
    return join(this.partialDir, checked(uploadId));
  }

  partialInfoPath(uploadId: string): string {
    return join(this.partialDir, `${checked(uploadId)}.json`);
  }

  tmpPath(name: string): string {
    return join(this.tmpDir, checked(name));
  }

  storedPath(storageName: string): string {
    return join(this.storeDir, checked(storageName));
  }

  /** Removes an upload's partial bytes and tus info; missing files are fine. */
  async removePartial(uploadId: string): Promise<void> {
    await Promise.all([rm(this.partialPath(uploadId), { force: true }), rm(this.partialInfoPath(uploadId), { force: true })]);
  }
}

/** Every path is built from a checked random name, so no input can point outside the root. */
function checked(name: string): string {
  if (!NAME.test(name)) throw new Error('Not a storage name.');
  return name;
}

/** Flushes a file's bytes to the disk (and makes it owner-only) before it is renamed into place. */
export async function syncFile(path: string): Promise<void> {
  const file = await open(path, 'r+');
  try {
    await file.chmod(0o600);
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Writes a new file (never over an existing one) and flushes it. */
export async function writeFileDurably(path: string, bytes: Buffer): Promise<void> {
  const file = await open(path, 'wx', 0o600);
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
}

/** Flushes a folder, so a rename into it survives a power cut. */
export async function syncDir(path: string): Promise<void> {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import type { StoredFile } from '../repos/files.js';
import { emitPracticeEvent } from './emit.js';

/**
 * `file.uploaded` once a file becomes available to the practice: when stored if files are
 * released unscanned, else when the scan finds it clean (an infected file is never announced).
 * Ids and the file type only, never its name. Inside the transaction of that change.
 */
export function emitFileUploaded(deps: { db: Db; clock: Clock }, file: Pick<StoredFile, 'id' | 'practiceId' | 'profileId' | 'fileType'>): void {
  emitPracticeEvent(deps, file.practiceId, {
    type: 'file.uploaded',
    profileId: file.profileId,
    data: { fileId: file.id, profileId: file.profileId, fileType: file.fileType },
  });
}

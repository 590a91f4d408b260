import type { UploadPolicy } from '../../src/contract/index.js';
import type { ProfileUsage } from '../repos/files.js';
import type { Practice } from '../repos/practices.js';
import { typePolicies } from './file-types.js';
import type { UploadSettings } from './settings.js';

/**
 * A profile's quota: the server's ceiling, narrowed by the practice's own setting
 * (`practices.upload_quota_bytes`), whichever is smaller.
 */
export function quotaBytesFor(settings: Pick<UploadSettings, 'quotaBytes'>, practice: Pick<Practice, 'uploadQuotaBytes'>): number {
  return Math.min(settings.quotaBytes, practice.uploadQuotaBytes);
}

/** What the widget states before a file is chosen, and what it checks files against first. */
export function uploadPolicy(settings: UploadSettings, practice: Practice, usage: ProfileUsage): UploadPolicy {
  return {
    types: typePolicies(settings),
    quotaBytes: quotaBytesFor(settings, practice),
    usedBytes: usage.usedBytes,
    reservedBytes: usage.reservedBytes,
    maxFiles: settings.maxFilesPerProfile,
    fileCount: usage.fileCount,
  };
}

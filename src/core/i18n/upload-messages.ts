// What an upload's refusals, verdicts and states say, for any widget that uploads through
// UploadQueue (the file uploader; an insurance-card photo in the document signer).
import { msg, str } from '@lit/localize';
import type { PortalApiError } from '../api/errors.js';
import type { UploadEntry } from '../files/upload-queue.js';
import { ruleFor, type Refusal, type UploadRules } from '../files/upload-rules.js';
import { describeError } from './error-messages.js';
import { formatBytes, formatPercent, typeLabel } from './format.js';

const quota = () => msg("There isn't enough space left for this file. Please call the office.", { id: 'uploader.quota' });
const empty = () => msg('The file is empty.', { id: 'uploader.empty' });

/** Why the widget refused a file before sending it. */
export function refusalText(entry: UploadEntry, rules: UploadRules | undefined): string {
  const refusal: Refusal | undefined = entry.refusal;
  if (refusal === 'type') return msg('Only the kinds of file listed above can be shared.', { id: 'uploader.refused-type' });
  if (refusal === 'empty') return empty();
  if (refusal === 'quota') return quota();
  if (refusal === 'size') {
    const rule = rules && ruleFor(entry.name, rules);
    const limit = formatBytes(rule?.maxBytes ?? 0);
    const type = typeLabel(rule?.type ?? 'pdf');
    return msg(str`It is larger than ${limit}, the limit for ${type} files.`, { id: 'uploader.refused-size' });
  }
  return msg("This file isn't accepted here.", { id: 'uploader.refused-host' });
}

/** The endpoint's verdict in the client's words, from its stable code (never its text). */
export function verdictText(error: PortalApiError): string {
  switch (error.reason ?? error.code) {
    case 'unsupported_type':
      return msg("The file's content doesn't match its type, or this kind of file isn't accepted.", {
        id: 'uploader.verdict-type',
      });
    case 'quota_exceeded':
      return quota();
    case 'payload_too_large':
      return msg('The file is larger than the limit for its type.', { id: 'uploader.verdict-size' });
    case 'empty_file':
      return empty();
    case 'invalid_name':
      return msg("The file's name can't be used. Rename it and try again.", { id: 'uploader.verdict-name' });
    default:
      return describeError(error);
  }
}

/** A failure that trying again can mend (the connection, the server), unlike a verdict on the file. */
export const retryable = (error: PortalApiError | undefined): boolean =>
  !['payload_too_large', 'unsupported_type', 'validation', 'forbidden'].includes(error?.code ?? '');

/** The row's status line, also what the live region says when it changes. */
export function statusText(entry: UploadEntry, rules: UploadRules | undefined): string {
  switch (entry.status) {
    case 'uploading': {
      const percent = formatPercent(entry.percent);
      return msg(str`Uploading: ${percent}`, { id: 'uploader.uploading' });
    }
    case 'done':
      return msg('Uploaded. Your clinician can see it.', { id: 'uploader.done' });
    case 'cancelled':
      return msg('Upload cancelled.', { id: 'uploader.cancelled' });
    default: {
      const reason = entry.status === 'refused' ? refusalText(entry, rules) : verdictText(entry.error!);
      return msg(str`Not uploaded: ${reason}`, { id: 'uploader.not-uploaded' });
    }
  }
}

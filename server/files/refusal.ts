import type { ErrorBody, FileErrorCode } from '../../src/contract/index.js';

/** The codes an upload can be refused with: the file-specific ones, plus the general `payload_too_large`. */
export type RefusalCode = FileErrorCode | 'payload_too_large';

const STATUS: Record<RefusalCode, number> = {
  invalid_name: 400,
  empty_file: 400,
  unsupported_type: 415,
  payload_too_large: 413,
  quota_exceeded: 413,
};

/** Developer-facing text; widgets localise by `code` (R39: generic, nothing about the file). */
const MESSAGES: Record<RefusalCode, string> = {
  invalid_name: 'The file name is not acceptable.',
  empty_file: 'The file is empty.',
  unsupported_type: 'This type of file is not accepted, or its content does not match its extension.',
  payload_too_large: 'The file is larger than the limit for its type.',
  quota_exceeded: 'There is not enough room left for this profile.',
};

/**
 * A refused upload. Shaped like a @tus/server error (`status_code`, `body`), so it can be
 * thrown from a tus hook and tus answers with its status; the route then replaces tus's
 * answer with the standard JSON error body.
 */
export class UploadRefusal extends Error {
  override name = 'UploadRefusal';
  readonly status_code: number;
  readonly body: string;

  constructor(readonly code: RefusalCode) {
    super(MESSAGES[code]);
    this.status_code = STATUS[code];
    this.body = JSON.stringify(this.errorBody());
  }

  errorBody(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Any other answer a tus hook or the store gives: @tus/server reads `status_code` and `body`. */
export class TusStatusError extends Error {
  override name = 'TusStatusError';

  constructor(
    readonly status_code: number,
    readonly body: string,
  ) {
    super(body.trim());
  }
}

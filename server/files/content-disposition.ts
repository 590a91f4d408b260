/**
 * `Content-Disposition: attachment` with both filename forms (RFC 6266, RFC 5987, R51): a
 * plain-ASCII `filename` for old clients and `filename*` with the exact UTF-8 name. Control
 * characters are removed first (stored names never have any; this keeps the header safe
 * whatever it is given), so no CR/LF can split the header; in the quoted fallback every
 * non-printable or non-ASCII character and `"`, `\` and `%` (which some browsers decode)
 * become `_`.
 */
export function attachmentDisposition(name: string): string {
  const clean = Array.from(name)
    .filter((char) => !isControl(char.codePointAt(0)!))
    .join('');
  const fallback = Array.from(clean, (char) => (isPlainAscii(char) ? char : '_')).join('') || 'file';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(clean || 'file')}`;
}

const isControl = (codePoint: number) => codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f);

function isPlainAscii(char: string): boolean {
  const code = char.codePointAt(0)!;
  return code >= 0x20 && code <= 0x7e && char !== '"' && char !== '\\' && char !== '%';
}

/** RFC 5987 `value-chars`: UTF-8, percent-encoded except attr-chars; encodeURIComponent would leave `'()*`, which are not. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

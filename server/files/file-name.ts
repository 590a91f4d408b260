import type { FileErrorCode, FileType } from '../../src/contract/index.js';
import { fileTypeOfExtension } from './file-types.js';

export type NameVerdict =
  | { ok: true; name: string; type: FileType }
  | { ok: false; code: Extract<FileErrorCode, 'invalid_name' | 'unsupported_type'> };

/** R49: the kept name is at most 255 bytes of UTF-8 (what most file systems allow). */
export const MAX_NAME_BYTES = 255;
/** Longer raw names are refused before any work (the metadata header is capped at 4 KiB anyway). */
const MAX_RAW_LENGTH = 1024;

/**
 * Extensions that web servers run (PHP, CGI, ASP, JSP, SSI), browsers render as active
 * content (HTML, SVG, XML), or operating systems execute or open as code (executables,
 * scripts, shortcuts, installers), plus server configuration files. Refused anywhere inside
 * a name (R46: double extensions), compared after trimming and lower-casing.
 */
const DANGEROUS_INNER_EXTENSIONS: ReadonlySet<string> = new Set([
  // server-side code and configuration
  'php', 'php3', 'php4', 'php5', 'php7', 'php8', 'phtml', 'pht', 'phar', 'phps', 'asp', 'aspx', 'ashx', 'asmx',
  'jsp', 'jspx', 'cgi', 'pl', 'py', 'rb', 'shtml', 'shtm', 'htaccess', 'htpasswd',
  // active content in a browser
  'html', 'htm', 'xhtml', 'xht', 'mht', 'mhtml', 'svg', 'svgz', 'xml', 'xsl', 'js', 'mjs', 'swf',
  // executables, scripts and installers
  // (not `com`: `receipt example.com.pdf` is an ordinary name, and a final `.com` is refused anyway)
  'exe', 'dll', 'scr', 'pif', 'msi', 'msp', 'bat', 'cmd', 'ps1', 'psm1', 'vbs', 'vbe', 'jse', 'wsf', 'wsh', 'hta',
  'cpl', 'lnk', 'reg', 'jar', 'sh', 'bash', 'zsh', 'csh', 'ksh', 'apk', 'deb', 'rpm',
]);

/**
 * Characters no file name needs and attackers love: C0 controls (NUL, CR, LF…), DEL, C1
 * controls, line/paragraph separators, bidirectional marks, embeddings, overrides and
 * isolates (U+202E makes `report\u202Efdp.exe` look like `reportexe.pdf`), and U+FFFD,
 * which is what broken UTF-8 in the metadata decodes to.
 */
function isForbidden(codePoint: number): boolean {
  return (
    codePoint <= 0x1f ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    codePoint === 0x061c ||
    codePoint === 0x200e ||
    codePoint === 0x200f ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069) ||
    codePoint === 0xfffd
  );
}

/**
 * Normalises an uploaded file's name and decides its type from the extension (R46, R49).
 *
 * NFC first, so the checks see what a file system would store. A name carrying a folder
 * (old browsers send `C:\…\x.pdf`, folder uploads `dir/x.pdf`) keeps only its last part, but
 * a `..` part is refused: no legitimate picker produces one. A name starting with a dot
 * (`.htaccess.pdf`: a hidden or server-configuration file) is refused as `invalid_name`;
 * leading hyphens and spaces are dropped (nothing that reads as a command-line flag); a
 * trailing dot or space is refused (Windows would silently drop it and change the
 * extension). The last extension decides the type, so `report.pdf.exe` is an `.exe`,
 * refused; an inner extension that a web server or an operating system would execute or
 * render (`a.php.pdf`, `invoice.exe.pdf`, `page.html.png`) is refused as `unsupported_type`
 * (R46: a misconfigured server may run `a.php.pdf` as PHP); `scan.2024.pdf` is a PDF.
 * Over-long names are shortened before the extension. The result is stable: normalising it
 * again returns it unchanged.
 */
export function normalizeFileName(raw: string | null | undefined): NameVerdict {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_RAW_LENGTH) return { ok: false, code: 'invalid_name' };
  const nfc = raw.normalize('NFC');
  for (const char of nfc) {
    if (isForbidden(char.codePointAt(0)!)) return { ok: false, code: 'invalid_name' };
  }
  const parts = nfc.split(/[/\\]/);
  if (parts.some((part) => part.trim() === '..')) return { ok: false, code: 'invalid_name' };
  const last = parts[parts.length - 1];
  if (/^[\s-]*\./u.test(last)) return { ok: false, code: 'invalid_name' };
  const base = last.replace(/^[\s-]+/u, '');
  if (base.length === 0 || /[\s.]$/u.test(base)) return { ok: false, code: 'invalid_name' };

  const dot = base.lastIndexOf('.');
  if (dot <= 0) return { ok: false, code: 'unsupported_type' };
  const extension = base.slice(dot + 1);
  const type = fileTypeOfExtension(extension.toLowerCase());
  if (!type) return { ok: false, code: 'unsupported_type' };
  const inner = base.slice(0, dot).split('.').slice(1);
  if (inner.some((part) => DANGEROUS_INNER_EXTENSIONS.has(part.trim().toLowerCase()))) return { ok: false, code: 'unsupported_type' };

  const name = fitToBytes(base.slice(0, dot), `.${extension}`);
  return name ? { ok: true, name, type } : { ok: false, code: 'invalid_name' };
}

/** `stem + suffix` within MAX_NAME_BYTES, cutting whole code points off the stem's end. */
function fitToBytes(stem: string, suffix: string): string | undefined {
  const budget = MAX_NAME_BYTES - Buffer.byteLength(suffix);
  if (budget <= 0) return undefined;
  let bytes = Buffer.byteLength(stem);
  if (bytes <= budget) return stem + suffix;
  const chars = Array.from(stem);
  while (chars.length > 0 && bytes > budget) bytes -= Buffer.byteLength(chars.pop()!);
  // A cut can leave a trailing dot or space, which the rules above refuse: drop those too.
  const cut = chars.join('').replace(/[\s.]+$/u, '');
  return cut.length > 0 ? cut + suffix : undefined;
}

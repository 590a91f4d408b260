// The pieces behind the upload checks, without HTTP: name rules (R46, R49, with a fast-check
// property), content against extension (the R47 matrix), metadata filters (R53) and the
// download header (R51).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { FileType } from '../../src/contract/index.js';
import { checkContent } from '../../server/files/content-check.js';
import { attachmentDisposition } from '../../server/files/content-disposition.js';
import { normalizeFileName } from '../../server/files/file-name.js';
import { headMatches } from '../../server/files/head-check.js';
import { exifOrientation, minimalExif, stripJpeg } from '../../server/files/strip-jpeg.js';
import { stripPng } from '../../server/files/strip-png.js';
import { METADATA_CANARY, pngChunk, sampleCsv, sampleExe, sampleJpeg, sampleM4a, sampleMp3, samplePdf, samplePng } from './files-samples.js';
import { tempDir } from './test-db.js';

/** C0 controls (NUL, CR, LF…) and DEL: no name or header may carry one. */
const hasControl = (text: string) => Array.from(text).some((char) => char.charCodeAt(0) <= 0x1f || char.charCodeAt(0) === 0x7f);

describe('file names (R46, R49)', () => {
  const accepted: Array<[string, string, FileType]> = [
    ['report.pdf', 'report.pdf', 'pdf'],
    ['A.PNG', 'A.PNG', 'png'],
    ['scan.2024.03.pdf', 'scan.2024.03.pdf', 'pdf'],
    ['photo.JPEG', 'photo.JPEG', 'jpg'],
    ['C:\\Users\\ana\\Desktop\\carta.pdf', 'carta.pdf', 'pdf'],
    ['folder/sub/notes.csv', 'notes.csv', 'csv'],
    ['-rf.csv', 'rf.csv', 'csv'],
    ['me\u0301dico.pdf', 'médico.pdf', 'pdf'], // NFD in, NFC out
    ['Dr. Ruiz notes v1.2.pdf', 'Dr. Ruiz notes v1.2.pdf', 'pdf'], // inner dots that name nothing dangerous
    ['receipt example.com.pdf', 'receipt example.com.pdf', 'pdf'],
    ['php.pdf', 'php.pdf', 'pdf'], // a stem, not an inner extension
  ];
  for (const [raw, name, type] of accepted) {
    test(`accepts ${JSON.stringify(raw)} as ${type}`, () => {
      assert.deepEqual(normalizeFileName(raw), { ok: true, name, type });
    });
  }

  const refused: Array<[string, string]> = [
    ['report.pdf.exe', 'unsupported_type'],
    ['a.php.jpg', 'unsupported_type'], // R46 double extensions: an executable or active inner extension
    ['a.php.pdf', 'unsupported_type'],
    ['a.PHTML.png', 'unsupported_type'],
    ['invoice.exe.pdf', 'unsupported_type'],
    ['page.html.pdf', 'unsupported_type'],
    ['logo.svg.png', 'unsupported_type'],
    ['run.sh.csv', 'unsupported_type'],
    ['x.js .pdf', 'unsupported_type'],
    ['folder/notes.bat.pdf', 'unsupported_type'],
    ['.htaccess.pdf', 'invalid_name'], // a leading dot: a hidden or server-configuration file
    ['.hidden.pdf', 'invalid_name'],
    [' .x.pdf', 'invalid_name'],
    ['-.x.pdf', 'invalid_name'],
    ['dir/.x.pdf', 'invalid_name'],
    ['a.jpg%00.php', 'unsupported_type'],
    ['a.svg', 'unsupported_type'],
    ['README', 'unsupported_type'],
    ['ｐｄｆ.ｐｄｆ', 'unsupported_type'],
    ['a.pdf.', 'invalid_name'],
    ['a.pdf ', 'invalid_name'],
    ['a.p\u202Efdp.exe', 'invalid_name'],
    ['x\u2066.pdf', 'invalid_name'],
    ['a\u0000.pdf', 'invalid_name'],
    ['a\nb.pdf', 'invalid_name'],
    ['a\u0085.pdf', 'invalid_name'],
    ['bad \uFFFD utf8.pdf', 'invalid_name'],
    ['../x.pdf', 'invalid_name'],
    ['a/../../x.pdf', 'invalid_name'],
    ['..\\x.pdf', 'invalid_name'],
    ['...', 'invalid_name'],
    ['', 'invalid_name'],
    ['x'.repeat(2000), 'invalid_name'],
  ];
  for (const [raw, code] of refused) {
    test(`refuses ${JSON.stringify(raw.slice(0, 40))} with ${code}`, () => {
      assert.deepEqual(normalizeFileName(raw), { ok: false, code });
    });
  }

  test('long names are cut to 255 bytes of UTF-8 before the extension, on a character boundary', () => {
    const result = normalizeFileName(`${'ñ'.repeat(300)}.pdf`);
    assert.ok(result.ok);
    assert.ok(Buffer.byteLength(result.name) <= 255);
    assert.match(result.name, /^ñ+\.pdf$/);
  });

  test('property: any accepted name is safe, short and stable (10 000 runs)', () => {
    const suffix = fc.constantFrom('.pdf', '.PNG', '.jpeg', '.csv', '.exe', '', '.');
    const part = fc.string({ unit: 'binary', maxLength: 300 });
    const prefix = fc.constantFrom('', '.', '-', '../', 'a/', 'C:\\x\\', ' ');
    fc.assert(
      fc.property(prefix, part, suffix, (p, body, s) => {
        const result = normalizeFileName(p + body + s);
        if (!result.ok) return;
        assert.doesNotMatch(result.name, /[/\\\u202a-\u202e\u2066-\u2069]/u);
        assert.ok(!hasControl(result.name));
        assert.doesNotMatch(result.name, /^[.\-\s]/u);
        assert.ok(Buffer.byteLength(result.name) <= 255);
        assert.deepEqual(normalizeFileName(result.name), result, 'normalising again changes nothing');
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('content against extension (R47)', () => {
  const dir = tempDir('portal-content-');
  after(() => dir.cleanup());
  const samples: Record<FileType, Buffer> = {
    pdf: samplePdf(),
    jpg: sampleJpeg(),
    png: samplePng(),
    mp3: sampleMp3(),
    m4a: sampleM4a(),
    csv: sampleCsv(),
  };
  const check = async (bytes: Buffer, type: FileType) => {
    const path = join(dir.path, 'sample');
    writeFileSync(path, bytes);
    return checkContent(path, type, bytes.length, 50_000_000);
  };

  test('the 6 matching pairs pass and all 30 mismatches are refused', async () => {
    const types = Object.keys(samples) as FileType[];
    for (const content of types) {
      for (const declared of types) {
        const verdict = await check(samples[content], declared);
        assert.equal(verdict.ok, content === declared, `${content} content declared as ${declared}`);
      }
    }
  });

  test('an executable, truncated files and empty-ish files are refused for every type', async () => {
    for (const type of Object.keys(samples) as FileType[]) {
      assert.equal((await check(sampleExe(), type)).ok, false, `exe as ${type}`);
      assert.equal((await check(Buffer.from('x'), type)).ok, type === 'csv', `1 byte as ${type}`);
      if (type !== 'csv') assert.equal((await check(samples[type].subarray(0, 40), type)).ok, false, `truncated ${type}`);
    }
  });

  test('m4a: M4A major, or isom/mp42 with M4A compatible; audio-only; every box inside the file', async () => {
    assert.equal((await check(sampleM4a({ major: 'mp42', compatible: ['mp42', 'M4A '] }), 'm4a')).ok, true);
    assert.equal((await check(sampleM4a({ major: 'M4A ', handler: 'vide' }), 'm4a')).ok, false, 'video track');
    assert.equal((await check(sampleM4a({ major: 'qt  ', compatible: ['qt  '] }), 'm4a')).ok, false, 'QuickTime');
    const truncated = sampleM4a({ mdatBytes: 5000 }).subarray(0, -10);
    assert.equal((await check(truncated, 'm4a')).ok, false, 'mdat runs past the end');
  });

  test('mp3: frame sync without a tag is fine; a tag pointing past the end is not', async () => {
    const frames = sampleMp3(3).subarray(sampleMp3(3).indexOf(Buffer.from([0xff, 0xfb])));
    assert.equal((await check(frames, 'mp3')).ok, true);
    const lying = Buffer.concat([Buffer.from('ID3\x03\x00\x00\x7f\x7f\x7f\x7f', 'latin1'), Buffer.alloc(100)]);
    assert.equal((await check(lying, 'mp3')).ok, false);
  });
});

describe('the early look at an unfinished upload', () => {
  const dir = tempDir('portal-head-');
  after(() => dir.cleanup());
  const head = async (bytes: Buffer, type: FileType) => {
    const path = join(dir.path, 'head');
    writeFileSync(path, bytes);
    return headMatches(path, type);
  };

  test('each type’s real head passes, an executable’s fails', async () => {
    const samples: Record<FileType, Buffer> = { pdf: samplePdf(), jpg: sampleJpeg(), png: samplePng(), mp3: sampleMp3(), m4a: sampleM4a(), csv: sampleCsv() };
    for (const [type, bytes] of Object.entries(samples) as Array<[FileType, Buffer]>) {
      assert.equal(await head(bytes, type), true, type);
      assert.equal(await head(sampleExe(), type), false, `exe as ${type}`);
    }
  });

  test('CSV: a character cut by the end of the head is fine; broken UTF-8 or a NUL is not', async () => {
    const text = Buffer.from(`a,bc\n${'ñ'.repeat(3000)}`, 'utf8'); // 5 bytes, then 2-byte characters: byte 4 100 ends mid-character
    assert.equal(await head(text, 'csv'), true);
    assert.equal(await head(Buffer.from('a,b\n\xff\xfe,1\n', 'latin1'), 'csv'), false);
    assert.equal(await head(Buffer.from('a,b\n\u0000,1\n', 'latin1'), 'csv'), false);
  });

  test('M4A: the brand decides; an MP4 without M4A fails', async () => {
    assert.equal(await head(sampleM4a({ major: 'isom', compatible: ['isom', 'M4A '] }), 'm4a'), true);
    assert.equal(await head(sampleM4a({ major: 'isom', compatible: ['isom', 'avc1'] }), 'm4a'), false);
  });
});

describe('metadata filters (R53)', () => {
  test('JPEG: only JFIF, the minimal orientation Exif and the image segments remain; stripping twice changes nothing', () => {
    const once = stripJpeg(sampleJpeg({ orientation: 8 }));
    assert.ok(once);
    assert.equal(once.width, 8);
    assert.equal(once.height, 8);
    assert.ok(!once.bytes.includes(METADATA_CANARY));
    const exifAt = once.bytes.indexOf('Exif\0\0');
    assert.equal(exifOrientation(once.bytes.subarray(exifAt + 6)), 8);
    assert.deepEqual(stripJpeg(once.bytes)?.bytes, once.bytes);
    assert.equal(stripJpeg(sampleJpeg({ orientation: 1 }))!.bytes.indexOf('Exif'), -1, 'orientation 1 needs no Exif at all');
    assert.equal(exifOrientation(minimalExif(3).subarray(10)), 3);
  });

  test('JPEG: malformed streams are refused (no SOI, segment past the end, no scan, no EOI)', () => {
    const jpeg = sampleJpeg();
    assert.equal(stripJpeg(jpeg.subarray(2)), undefined);
    assert.equal(stripJpeg(jpeg.subarray(0, 30)), undefined);
    assert.equal(stripJpeg(jpeg.subarray(0, -2)), undefined);
    const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]));
    assert.equal(stripJpeg(Buffer.concat([jpeg.subarray(0, sos), Buffer.from([0xff, 0xd9])])), undefined);
  });

  test('PNG: text, eXIf and tIME chunks and trailing bytes go; malformed streams are refused', () => {
    const png = samplePng();
    const stripped = stripPng(png);
    assert.ok(stripped);
    assert.ok(!stripped.bytes.includes(METADATA_CANARY));
    assert.deepEqual(stripPng(stripped.bytes)?.bytes, stripped.bytes);
    assert.equal(stripPng(png.subarray(0, 40)), undefined, 'truncated');
    const noIhdr = Buffer.concat([png.subarray(0, 8), pngChunk('gAMA', Buffer.alloc(4)), png.subarray(8)]);
    assert.equal(stripPng(noIhdr), undefined, 'IHDR must come first');
  });
});

describe('Content-Disposition (R51)', () => {
  let header: string;
  before(() => {
    header = attachmentDisposition('evil"\r\nSet-Cookie: a=b; x\u0000.pdf');
  });

  test('control characters are removed, quotes never end the quoted fallback', () => {
    assert.ok(!hasControl(header));
    assert.equal(header, `attachment; filename="evil_Set-Cookie: a=b; x.pdf"; filename*=UTF-8''evil%22Set-Cookie%3A%20a%3Db%3B%20x.pdf`);
  });

  test('non-ASCII goes to filename* only; RFC 5987 escapes the characters encodeURIComponent keeps', () => {
    assert.equal(attachmentDisposition("niño's (1)*.pdf"), `attachment; filename="ni_o's (1)*.pdf"; filename*=UTF-8''ni%C3%B1o%27s%20%281%29%2A.pdf`);
  });
});

// Small but real sample files for the upload tests, built byte by byte: each is a complete,
// well-formed file of its type (a decodable 8×8 JPEG, a 1×1 PNG, MPEG Layer III frames…),
// plus the metadata the server must remove and the disguises it must see through.
import { deflateSync } from 'node:zlib';

const ascii = (text: string) => Buffer.from(text, 'latin1');
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

/** A PDF 1.4 with one empty page, correct xref offsets and the %%EOF trailer. */
export function samplePdf(text = 'Intake notes'): Buffer {
  const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return ascii(body);
}

function segment(marker: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xff, marker]), u16(payload.length + 2), payload]);
}

/** The secret the JPEG's and PNG's metadata carries; it must not survive the upload. */
export const METADATA_CANARY = 'Lakeside-Clinic-GPS-47.6062N';

/**
 * A big-endian TIFF/Exif block: IFD0 with ImageDescription (the canary), Orientation and a
 * GPS IFD pointer; the GPS IFD with latitude reference and latitude.
 */
function exifTiff(orientation: number): Buffer {
  const description = ascii(`${METADATA_CANARY}\0`);
  // Layout: header (8) | IFD0: count (2) + 3 entries (36) + next (4) = 42 → ends at 50
  // | GPS IFD at 50: count (2) + 2 entries (24) + next (4) = 30 → ends at 80
  // | latitude rationals at 80 (24) → 104 | description at 104.
  const entry = (tag: number, type: number, count: number, value: Buffer) => Buffer.concat([u16(tag), u16(type), u32(count), value]);
  const ifd0 = Buffer.concat([
    u16(3),
    entry(0x010e, 2, description.length, u32(104)),
    entry(0x0112, 3, 1, Buffer.concat([u16(orientation), u16(0)])),
    entry(0x8825, 4, 1, u32(50)),
    u32(0),
  ]);
  const gps = Buffer.concat([u16(2), entry(0x0001, 2, 2, ascii('N\0\0\0')), entry(0x0002, 5, 3, u32(80)), u32(0)]);
  const latitude = Buffer.concat([u32(47), u32(1), u32(36), u32(1), u32(2232), u32(100)]);
  return Buffer.concat([ascii('MM'), u16(42), u32(8), ifd0, gps, latitude, description]);
}

/**
 * A baseline 8×8 grey JPEG: JFIF, an Exif segment with GPS and the canary, an XMP segment,
 * a comment, then the frame, one-symbol Huffman tables and a single flat block (DC 0, EOB).
 */
export function sampleJpeg(options: { orientation?: number; trailer?: Buffer } = {}): Buffer {
  const jfif = segment(0xe0, Buffer.concat([ascii('JFIF\0'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])]));
  const exif = segment(0xe1, Buffer.concat([ascii('Exif\0\0'), exifTiff(options.orientation ?? 6)]));
  const xmp = segment(0xe1, ascii(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>${METADATA_CANARY}</x:xmpmeta>`));
  const comment = segment(0xfe, ascii(`Patient photo ${METADATA_CANARY}`));
  const dqt = segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)]));
  const sof = segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
  const oneSymbolTable = (tableClass: number) => segment(0xc4, Buffer.concat([Buffer.from([tableClass]), Buffer.from([1, ...new Array<number>(15).fill(0)]), Buffer.from([0])]));
  const sos = segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0]));
  // Bits `0` (DC difference category 0) and `0` (end of block), padded with ones.
  const scan = Buffer.from([0x3f]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jfif,
    exif,
    xmp,
    comment,
    dqt,
    sof,
    oneSymbolTable(0x00),
    oneSymbolTable(0x10),
    sos,
    scan,
    Buffer.from([0xff, 0xd9]),
    options.trailer ?? Buffer.alloc(0),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([ascii(type), data]);
  return Buffer.concat([u32(data.length), typeAndData, u32(crc32(typeAndData))]);
}

/** A 1×1 grey PNG with text, eXIf and tIME chunks (the canary in them), and bytes after IEND. */
export function samplePng(options: { width?: number; height?: number } = {}): Buffer {
  const ihdr = Buffer.concat([u32(options.width ?? 1), u32(options.height ?? 1), Buffer.from([8, 0, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('gAMA', u32(45455)),
    pngChunk('tEXt', ascii(`Comment\0${METADATA_CANARY}`)),
    pngChunk('iTXt', ascii(`Location\0\0\0\0\0${METADATA_CANARY}`)),
    pngChunk('eXIf', exifTiff(1)),
    pngChunk('tIME', Buffer.from([0x07, 0xe9, 1, 6, 15, 0, 0])),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
    pngChunk('IEND', Buffer.alloc(0)),
    ascii(METADATA_CANARY),
  ]);
}

/** An ID3v2.3 tag (a title frame) followed by MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz). */
export function sampleMp3(frames = 4): Buffer {
  const title = Buffer.concat([ascii('TIT2'), u32(6), u16(0), Buffer.from([0]), ascii('Memo\0')]);
  const size = title.length;
  const syncsafe = Buffer.from([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f]);
  const id3 = Buffer.concat([ascii('ID3'), Buffer.from([3, 0, 0]), syncsafe, title]);
  const frame = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(417 - 4)]);
  return Buffer.concat([id3, ...new Array<Buffer>(frames).fill(frame)]);
}

function box(type: string, ...content: Buffer[]): Buffer {
  const payload = Buffer.concat(content);
  return Buffer.concat([u32(payload.length + 8), ascii(type), payload]);
}

const fullBox = (type: string, body: Buffer) => box(type, Buffer.alloc(4), body);

/**
 * An ISO-BMFF audio file: `ftyp` (major brand and compatible brands as given), `moov` with one
 * track whose handler is `handler`, and an `mdat` with the (silent) samples.
 */
export function sampleM4a(options: { major?: string; compatible?: string[]; handler?: string; mdatBytes?: number } = {}): Buffer {
  const major = options.major ?? 'M4A ';
  const compatible = options.compatible ?? ['M4A ', 'mp42', 'isom'];
  const handler = options.handler ?? 'soun';
  const ftyp = box('ftyp', ascii(major), u32(0), ...compatible.map(ascii));
  const hdlr = fullBox('hdlr', Buffer.concat([u32(0), ascii(handler), Buffer.alloc(12), ascii('SoundHandler\0')]));
  const stbl = box('stbl', fullBox('stsd', u32(0)), fullBox('stts', u32(0)), fullBox('stsc', u32(0)), fullBox('stsz', Buffer.alloc(8)), fullBox('stco', u32(0)));
  const minf = box('minf', fullBox(handler === 'vide' ? 'vmhd' : 'smhd', Buffer.alloc(4)), box('dinf', fullBox('dref', u32(0))), stbl);
  const mdia = box('mdia', fullBox('mdhd', Buffer.alloc(20)), hdlr, minf);
  const trak = box('trak', fullBox('tkhd', Buffer.alloc(80)), mdia);
  const moov = box('moov', fullBox('mvhd', Buffer.alloc(96)), trak);
  return Buffer.concat([ftyp, moov, box('mdat', Buffer.alloc(options.mdatBytes ?? 2048))]);
}

/** A CSV a client might export from a mood-tracking app: UTF-8 with a BOM and an accent. */
export function sampleCsv(): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('date,mood,note\n2025-01-06,3,"dormí mal"\n2025-01-07,4,"=1+1"\n', 'utf8')]);
}

/** The start of a Windows executable (MZ header, PE signature): what a renamed .exe looks like. */
export function sampleExe(): Buffer {
  const dos = Buffer.alloc(128);
  dos.write('MZ', 0, 'latin1');
  dos.writeUInt32LE(0x80, 0x3c);
  return Buffer.concat([dos, ascii('PE\0\0'), Buffer.alloc(512, 0x90)]);
}

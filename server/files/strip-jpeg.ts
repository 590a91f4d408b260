/**
 * Removes metadata from a JPEG without re-encoding it (R53): a segment filter, not a decoder.
 *
 * Kept: everything the decoder needs (SOF, DHT, DQT, DRI, SOS and the entropy-coded data),
 * APP0 JFIF (density), APP2 ICC_PROFILE (colours), APP14 Adobe (the colour transform of
 * CMYK/YCCK files). Dropped: every other APPn (Exif with GPS, XMP, IPTC/Photoshop, MPF,
 * maker notes, JFXX thumbnails) and COM comments, plus anything after EOI. Exif's
 * Orientation is carried over into a minimal Exif segment of its own, so a phone photo
 * taken upright is not shown sideways after its metadata is gone.
 *
 * Returns undefined for anything that is not a complete baseline/progressive JPEG stream
 * (no SOI, a segment running past the end, no frame, no scan, no EOI): such a file is
 * refused as not matching its extension.
 */
export interface StrippedImage {
  bytes: Buffer;
  width: number;
  height: number;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;
/** Start-of-frame markers carry the dimensions (C4 DHT, C8 JPG and CC DAC are not frames). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

const startsWith = (segment: Buffer, text: string) => segment.subarray(4, 4 + text.length).toString('latin1') === text;

export function stripJpeg(input: Buffer): StrippedImage | undefined {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== SOI) return undefined;
  const out: Buffer[] = [input.subarray(0, 2)];
  let pos = 2;
  let width = 0;
  let height = 0;
  let scans = 0;
  for (;;) {
    if (pos >= input.length || input[pos] !== 0xff) return undefined;
    while (pos < input.length && input[pos] === 0xff) pos += 1; // fill bytes before a marker
    if (pos >= input.length) return undefined;
    const marker = input[pos];
    pos += 1;
    if (marker === EOI) {
      if (scans === 0 || width === 0) return undefined;
      out.push(Buffer.from([0xff, EOI]));
      return { bytes: Buffer.concat(out), width, height };
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(Buffer.from([0xff, marker])); // RSTn, TEM: no length
      continue;
    }
    if (pos + 2 > input.length) return undefined;
    const length = input.readUInt16BE(pos);
    const end = pos + length;
    if (length < 2 || end > input.length) return undefined;
    const segment = input.subarray(pos - 2, end);

    if (SOF.has(marker)) {
      if (length < 8) return undefined;
      height = input.readUInt16BE(pos + 3);
      width = input.readUInt16BE(pos + 5);
      if (width === 0 || height === 0) return undefined;
      out.push(segment);
    } else if (marker === APP1) {
      const orientation = startsWith(segment, 'Exif\0\0') ? exifOrientation(segment.subarray(10)) : undefined;
      if (orientation !== undefined && orientation !== 1) out.push(minimalExif(orientation));
    } else if (marker === APP0) {
      if (startsWith(segment, 'JFIF\0')) out.push(segment);
    } else if (marker === APP2) {
      if (startsWith(segment, 'ICC_PROFILE\0')) out.push(segment);
    } else if (marker === APP14) {
      if (startsWith(segment, 'Adobe')) out.push(segment);
    } else if ((marker > APP0 && marker <= 0xef) || marker === COM) {
      // other application segments and comments: metadata, dropped
    } else {
      out.push(segment);
    }
    pos = end;

    if (marker === SOS) {
      scans += 1;
      const dataEnd = endOfEntropyData(input, pos);
      out.push(input.subarray(pos, dataEnd));
      pos = dataEnd;
    }
  }
}

/**
 * Entropy-coded data runs until the next marker: a 0xFF followed by anything but a stuffed
 * 0x00 or a restart marker (RST0–7 belong to the data).
 */
function endOfEntropyData(input: Buffer, from: number): number {
  let pos = from;
  for (;;) {
    pos = input.indexOf(0xff, pos);
    if (pos === -1 || pos + 1 >= input.length) return input.length;
    const next = input[pos + 1];
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
      pos += next === 0xff ? 1 : 2;
      continue;
    }
    return pos;
  }
}

/** Exif IFD0's Orientation (tag 0x0112, one SHORT), from the TIFF structure after `Exif\0\0`. */
export function exifOrientation(tiff: Buffer): number | undefined {
  if (tiff.length < 8) return undefined;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return undefined;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return undefined;
  const count = u16(ifd);
  for (let i = 0; i < count; i += 1) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3 && u32(entry + 4) === 1) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** An APP1 Exif segment holding only IFD0 with Orientation (big-endian TIFF). */
export function minimalExif(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 right after the header
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14); // count
  tiff.writeUInt16BE(orientation, 18); // value, left-aligned in the 4-byte field
  tiff.writeUInt32BE(0, 22); // no next IFD
  const header = Buffer.from([0xff, APP1, 0, 0]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

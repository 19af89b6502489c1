import { exifHeader, exifOrientation, orientationOnlyTiff, startsWithExifHeader } from "./exif-orientation";
import { UnreadableImageError, type ImageType } from "./image-type";
import { stripHeicMetadata } from "./strip-heic-metadata";

// Proof-of-delivery photos come from phones, and phones write where the photo was taken (Exif GPS, often XMP too)
// into the file. Stripping works on the container, not the pixels: the metadata segments and chunks go, every other
// byte is copied as it was, so nothing is re-encoded, nothing is lost, and a file without metadata comes back
// unchanged. What stays is what drawing the picture needs (colour profiles, Adobe colour transform, transparency,
// animation) and the orientation, rewritten as the only Exif tag. A file whose structure cannot be walked is refused
// rather than stored unchecked.

/** The image without location or other metadata; throws UnreadableImageError when its structure is broken. */
export function stripImageMetadata(bytes: Uint8Array, type: ImageType["contentType"]): Uint8Array {
  switch (type) {
    case "image/jpeg":
      return stripJpeg(bytes);
    case "image/png":
      return stripPng(bytes);
    case "image/webp":
      return stripWebp(bytes);
    case "image/heic":
      return stripHeicMetadata(bytes);
  }
}

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/* ---- JPEG: a run of marker segments, then entropy-coded scans ------------------------------------------------- */

const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const SOS = 0xda;
const EOI = 0xd9;

// APP0 (JFIF), APP2 only for an ICC profile, APP14 (Adobe: how to read the colours). Every other APPn (Exif, XMP,
// IPTC, MPF, maker data) and comments are metadata.
function keepJpegSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === APP0 || marker === APP14) return true;
  if (marker === APP2) return ascii(payload, 0, 12) === "ICC_PROFILE\0";
  if (marker >= 0xe0 && marker <= 0xef) return false;
  return marker !== 0xfe; // COM
}

function stripJpeg(b: Uint8Array): Uint8Array {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) throw new UnreadableImageError("no JPEG start marker");
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let exifAt = -1;
  let orientation = 1;
  let sawScan = false;
  let pos = 2;
  while (pos < b.length) {
    if (b[pos] !== 0xff) throw new UnreadableImageError("JPEG data where a marker belongs");
    let m = pos + 1;
    while (m < b.length && b[m] === 0xff) m++; // fill bytes
    if (m >= b.length) break;
    const marker = b[m]!;
    if (marker === EOI) {
      // Anything after the end (appended previews, maker data) is dropped with the metadata.
      parts.push(new Uint8Array([0xff, EOI]));
      pos = b.length;
      break;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      parts.push(b.subarray(m - 1, m + 1));
      pos = m + 1;
      continue;
    }
    if (m + 2 >= b.length) throw new UnreadableImageError("JPEG segment cut short");
    const length = (b[m + 1]! << 8) | b[m + 2]!;
    const end = m + 1 + length;
    if (length < 2 || end > b.length) throw new UnreadableImageError("JPEG segment longer than the file");
    const payload = b.subarray(m + 3, end);
    if (marker === APP1 && startsWithExifHeader(payload) && exifAt < 0) {
      exifAt = parts.length;
      orientation = exifOrientation(payload);
    }
    if (keepJpegSegment(marker, payload)) parts.push(b.subarray(m - 1, end));
    pos = end;
    if (marker === SOS) {
      sawScan = true;
      const scanEnd = endOfEntropyData(b, pos);
      parts.push(b.subarray(pos, scanEnd));
      pos = scanEnd;
    }
  }
  if (!sawScan) throw new UnreadableImageError("JPEG without image data");
  if (exifAt >= 0 && orientation !== 1) parts.splice(exifAt, 0, jpegSegment(APP1, concat([exifHeader, orientationOnlyTiff(orientation)])));
  return concat(parts);
}

/** Where the entropy-coded data after a scan header ends: the next marker other than a stuffed 0xFF or a restart. */
function endOfEntropyData(b: Uint8Array, from: number): number {
  for (let i = b.indexOf(0xff, from); i >= 0 && i + 1 < b.length; i = b.indexOf(0xff, i + 1)) {
    const next = b[i + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) continue;
    return i;
  }
  return b.length; // a file cut off inside the scan: what is there is kept, as a browser would show it
}

function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  const length = payload.length + 2;
  return concat([new Uint8Array([0xff, marker, length >> 8, length & 0xff]), payload]);
}

/* ---- PNG: a signature, then length-type-data-CRC chunks up to IEND --------------------------------------------- */

// Ancillary chunks that change how the picture looks (colour, transparency, density, animation). Text chunks
// (tEXt, zTXt, iTXt: where XMP and "Raw profile type exif" live), eXIf, tIME and private chunks go. Critical chunks
// all stay: a decoder needs them or refuses the file anyway.
const keptPngChunks = new Set(["tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "hIST", "sPLT", "cICP", "mDCV", "cLLI", "acTL", "fcTL", "fdAT"]);

function stripPng(b: Uint8Array): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  let exifAt = -1;
  let orientation = 1;
  let pos = 8;
  for (;;) {
    if (pos + 12 > b.length) throw new UnreadableImageError("PNG without an end chunk");
    const length = view.getUint32(pos);
    const type = ascii(b, pos + 4, 4);
    const end = pos + 12 + length;
    if (end > b.length) throw new UnreadableImageError("PNG chunk longer than the file");
    if (pos === 8 && type !== "IHDR") throw new UnreadableImageError("PNG without a header chunk");
    const critical = (b[pos + 4]! & 0x20) === 0;
    if (type === "eXIf" && exifAt < 0) {
      exifAt = parts.length;
      orientation = exifOrientation(b.subarray(pos + 8, end - 4));
    }
    if (critical || keptPngChunks.has(type)) parts.push(b.subarray(pos, end));
    pos = end;
    if (type === "IEND") break;
  }
  if (exifAt >= 0 && orientation !== 1) parts.splice(exifAt, 0, pngChunk("eXIf", orientationOnlyTiff(orientation)));
  return concat(parts);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) chunk[4 + i] = type.charCodeAt(i);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

let crcTable: Uint32Array | undefined;
function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/* ---- WebP: a RIFF container of chunks ------------------------------------------------------------------------ */

const keptWebpChunks = new Set(["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"]);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function stripWebp(b: Uint8Array): Uint8Array {
  if (b.length < 12) throw new UnreadableImageError("WebP shorter than its header");
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > b.length || riffEnd < 12) throw new UnreadableImageError("WebP shorter than its RIFF size");
  const parts: Uint8Array[] = [];
  let vp8x: Uint8Array | null = null;
  let orientation = 1;
  for (let pos = 12; pos < riffEnd; ) {
    if (pos + 8 > riffEnd) throw new UnreadableImageError("WebP chunk header cut short");
    const fourcc = ascii(b, pos, 4);
    const size = view.getUint32(pos + 4, true);
    const dataEnd = pos + 8 + size;
    if (dataEnd > riffEnd) throw new UnreadableImageError("WebP chunk longer than the file");
    const end = Math.min(dataEnd + (size & 1), riffEnd);
    if (fourcc === "EXIF" && orientation === 1) orientation = exifOrientation(b.subarray(pos + 8, dataEnd));
    if (fourcc === "VP8X") {
      if (size < 10) throw new UnreadableImageError("WebP extended header too short");
      vp8x = b.slice(pos, end); // a copy: its flags are rewritten below
      parts.push(vp8x);
    } else if (keptWebpChunks.has(fourcc)) parts.push(b.subarray(pos, end));
    pos = end;
  }
  if (parts.length === 0) throw new UnreadableImageError("WebP without image data");
  // Only the extended format may carry Exif; its flags must say what the file holds now.
  const keepOrientation = vp8x !== null && orientation !== 1;
  if (vp8x) vp8x[8] = (vp8x[8]! & ~(VP8X_EXIF | VP8X_XMP)) | (keepOrientation ? VP8X_EXIF : 0);
  if (keepOrientation) parts.push(webpChunk("EXIF", orientationOnlyTiff(orientation)));
  const body = concat(parts);
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return concat([header, body]);
}

function webpChunk(fourcc: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(8 + data.length + (data.length & 1));
  for (let i = 0; i < 4; i++) chunk[i] = fourcc.charCodeAt(i);
  new DataView(chunk.buffer).setUint32(4, data.length, true);
  chunk.set(data, 8);
  return chunk;
}

// The one Exif fact a photo keeps when its metadata is stripped: its orientation. Phones store the picture as the
// sensor saw it and say "rotate 90°" in Exif; without the tag the photo shows on its side.

/** Orientation 1–8 from an Exif block (a TIFF header, optionally after "Exif\0\0"), or 1 when absent or unreadable. */
export function exifOrientation(block: Uint8Array): number {
  const tiff = startsWithExifHeader(block) ? block.subarray(6) : block;
  if (tiff.length < 8) return 1;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return 1;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  if (view.getUint16(2, little) !== 42) return 1;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return 1;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    // Orientation is tag 0x0112, one SHORT (type 3), its value in the entry's first two value bytes.
    if (view.getUint16(entry, little) !== 0x0112) continue;
    if (view.getUint16(entry + 2, little) !== 3) return 1;
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

/** A TIFF header with one IFD holding only the orientation (26 bytes, big-endian). */
export function orientationOnlyTiff(orientation: number): Uint8Array {
  const tiff = new Uint8Array(26);
  const view = new DataView(tiff.buffer);
  tiff.set([0x4d, 0x4d, 0x00, 0x2a]);
  view.setUint32(4, 8); // IFD0 right after the header
  view.setUint16(8, 1); // one entry
  view.setUint16(10, 0x0112);
  view.setUint16(12, 3); // SHORT
  view.setUint32(14, 1); // one value
  view.setUint16(18, orientation);
  view.setUint32(22, 0); // no next IFD
  return tiff;
}

export const exifHeader = new Uint8Array([0x45, 0x78, 0x69, 0x66, 0x00, 0x00]); // "Exif\0\0"

export function startsWithExifHeader(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && exifHeader.every((b, i) => bytes[i] === b);
}

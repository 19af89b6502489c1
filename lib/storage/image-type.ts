// The type of an image from its first bytes. A browser's or client's claimed type is only the file name's
// extension, so a PDF renamed to .jpg would pass a check on the claim; the bytes cannot lie that way.

export type ImageType = { contentType: "image/jpeg" | "image/png" | "image/webp" | "image/heic"; extension: "jpg" | "png" | "webp" | "heic" };

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));

// HEIF brands of HEIC stills and sequences; mif1/msf1 are the generic HEIF brands, also used by AVIF, so they
// count only when a HEIC brand is among the compatible ones.
const heicBrands = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs"]);
const genericHeifBrands = new Set(["mif1", "msf1"]);

function isHeic(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 4) !== "ftyp") return false;
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const major = ascii(bytes, 8, 4);
  if (heicBrands.has(major)) return true;
  if (!genericHeifBrands.has(major)) return false;
  // Compatible brands follow the major brand and its 4-byte minor version.
  const end = Math.min(boxSize, bytes.length);
  for (let i = 16; i + 4 <= end; i += 4) if (heicBrands.has(ascii(bytes, i, 4))) return true;
  return false;
}

/** JPEG, PNG, WebP or HEIC by magic bytes, or null for anything else. */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { contentType: "image/jpeg", extension: "jpg" };
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return { contentType: "image/png", extension: "png" };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return { contentType: "image/webp", extension: "webp" };
  if (isHeic(bytes)) return { contentType: "image/heic", extension: "heic" };
  return null;
}

/** The bytes start like an image but its structure cannot be walked (lib/storage/strip-image-metadata.ts). */
export class UnreadableImageError extends Error {
  constructor(what: string) {
    super(`Unreadable image: ${what}`);
  }
}

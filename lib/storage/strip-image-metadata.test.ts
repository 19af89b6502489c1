import { crc32 } from "node:zlib";
import fc from "fast-check";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { detectImageType, UnreadableImageError } from "./image-type";
import { stripImageMetadata } from "./strip-image-metadata";
import { exifTags, photoWithLocation, pixels, plainPhoto, type Format } from "./testing/image-fixtures";

// Location metadata is stripped from proof-of-delivery photos (docs/security.md "Proof-of-delivery photos"), on real
// files that sharp writes and reads back: the position is gone, the picture decodes to the same pixels, and the
// orientation survives.

const contentType = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp" } as const;
const strip = (bytes: Uint8Array, format: Format) => stripImageMetadata(bytes, contentType[format]);
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");
const latitudeSeconds = Buffer.from([0, 0, 0x0a, 0x3d, 0, 0, 0, 0x64]); // 2621/100 as a big-endian RATIONAL
const latitudeSecondsLe = Buffer.from([0x3d, 0x0a, 0, 0, 0x64, 0, 0, 0]);
const tinyPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

describe.each(["jpeg", "png", "webp"] as const)("stripping a %s photo", (format) => {
  it("the fixture does carry a location (Exif GPS and XMP)", async () => {
    const photo = await photoWithLocation(format);
    const meta = await sharp(photo).metadata();
    expect(exifTags(meta.exif!)).toMatchObject({ hasGps: true, orientation: 6 });
    expect(exifTags(meta.exif!).ifd0).toContain(0x010f); // Make
    expect(meta.xmp?.toString()).toContain("GPSLatitude");
  });

  it("removes the GPS tags, the camera make and the XMP; keeps the type, the pixels and the orientation", async () => {
    const photo = await photoWithLocation(format);
    const stripped = strip(photo, format);
    expect(detectImageType(stripped)?.contentType).toBe(contentType[format]);
    const meta = await sharp(stripped).metadata();
    expect(meta).toMatchObject({ format, width: 24, height: 16, orientation: 6 });
    expect(meta.xmp).toBeUndefined();
    // The only Exif left is IFD0 with the orientation.
    expect(exifTags(meta.exif!)).toEqual({ ifd0: [0x0112], hasGps: false, orientation: 6 });
    expect(await pixels(stripped)).toEqual(await pixels(photo));
    for (const needle of ["GPS", "LeakyCam", "xmpmeta", "exif:"]) expect(text(stripped)).not.toContain(needle);
    expect(Buffer.from(stripped).includes(latitudeSeconds) || Buffer.from(stripped).includes(latitudeSecondsLe)).toBe(false);
  });

  it("drops Exif entirely when the orientation is the default", async () => {
    const stripped = strip(await photoWithLocation(format, 1), format);
    const meta = await sharp(stripped).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation ?? 1).toBe(1);
    expect(text(stripped)).not.toContain("LeakyCam");
  });

  it("gives back a photo without metadata byte for byte, and stripping twice changes nothing more", async () => {
    const plain = await plainPhoto(format);
    expect(Buffer.from(strip(plain, format)).equals(Buffer.from(plain))).toBe(true);
    const once = strip(await photoWithLocation(format), format);
    expect(Buffer.from(strip(once, format)).equals(Buffer.from(once))).toBe(true);
  });

  it("refuses a file cut in the middle of its headers, never throwing anything else", async () => {
    const photo = await photoWithLocation(format);
    // Cut inside the metadata (before any pixels), and a fuzz of cuts and flipped bytes: a clean refusal or a result.
    expect(() => strip(photo.subarray(0, 40), format)).toThrow(UnreadableImageError);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: photo.length }), fc.array(fc.tuple(fc.nat(photo.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), (cut, flips) => {
        const damaged = photo.slice(0, cut);
        for (const [at, value] of flips) if (at < damaged.length) damaged[at] = value;
        try {
          strip(damaged, format);
        } catch (error) {
          expect(error).toBeInstanceOf(UnreadableImageError);
        }
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});

describe("format details", () => {
  it("JPEG: drops comments, IPTC, MPF and anything after the end marker; keeps the ICC profile and Adobe segment", async () => {
    const base = await plainPhoto("jpeg");
    const segment = (marker: number, payload: string) => Buffer.concat([Buffer.from([0xff, marker, 0, payload.length + 2]), Buffer.from(payload, "latin1")]);
    const icc = segment(0xe2, "ICC_PROFILE\0\x01\x01keep-me");
    const adobe = segment(0xee, "Adobe\0keep");
    const dropped = [segment(0xfe, "taken at 51.5N"), segment(0xed, "Photoshop 3.0\x008BIM city"), segment(0xe2, "MPF\0II*\0"), segment(0xeb, "JP vendor")];
    const photo = Buffer.concat([base.subarray(0, 2), icc, adobe, ...dropped, base.subarray(2), Buffer.from("appended preview with GPS")]);
    const stripped = Buffer.from(stripImageMetadata(photo, "image/jpeg"));
    expect(stripped.equals(Buffer.concat([base.subarray(0, 2), icc, adobe, base.subarray(2)]))).toBe(true);
    expect(await pixels(stripped)).toEqual(await pixels(base));
  });

  it("PNG: drops text chunks and eXIf, keeps iCCP; the rewritten eXIf chunk has a valid CRC", async () => {
    const stripped = stripImageMetadata(await photoWithLocation("png"), "image/png");
    const chunks: string[] = [];
    const view = new DataView(stripped.buffer, stripped.byteOffset);
    for (let pos = 8; pos < stripped.length; ) {
      const length = view.getUint32(pos);
      const type = text(stripped.subarray(pos + 4, pos + 8));
      chunks.push(type);
      expect(view.getUint32(pos + 8 + length), `${type} CRC`).toBe(crc32(stripped.subarray(pos + 4, pos + 8 + length)));
      pos += 12 + length;
    }
    expect(chunks).toContain("iCCP");
    expect(chunks.filter((c) => ["tEXt", "zTXt", "iTXt"].includes(c))).toEqual([]);
    expect(chunks.filter((c) => c === "eXIf")).toHaveLength(1);
    expect(chunks.indexOf("eXIf")).toBeLessThan(chunks.indexOf("IDAT"));
    expect(Buffer.from(stripImageMetadata(tinyPng, "image/png")).equals(tinyPng)).toBe(true);
  });

  it("WebP: the extended header's flags say Exif (the orientation) and no XMP, and the RIFF size is the new one", async () => {
    const stripped = stripImageMetadata(await photoWithLocation("webp"), "image/webp");
    const view = new DataView(stripped.buffer, stripped.byteOffset);
    expect(view.getUint32(4, true)).toBe(stripped.length - 8);
    expect(text(stripped.subarray(12, 16))).toBe("VP8X");
    expect(stripped[20]! & 0x08).toBe(0x08);
    expect(stripped[20]! & 0x04).toBe(0);
    expect(text(stripped)).not.toContain("XMP ");
  });

  it("refuses files that only start like an image", () => {
    expect(() => stripImageMetadata(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), "image/jpeg")).toThrow(UnreadableImageError);
    expect(() => stripImageMetadata(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), "image/jpeg")).toThrow(/without image data/);
    const headerOnly = new Uint8Array(64);
    headerOnly.set(tinyPng.subarray(0, 8));
    expect(() => stripImageMetadata(headerOnly, "image/png")).toThrow(/header chunk/);
    expect(() => stripImageMetadata(tinyPng.subarray(0, tinyPng.length - 12), "image/png")).toThrow(/end chunk/);
    expect(() => stripImageMetadata(Buffer.from("RIFF\xff\0\0\0WEBPVP8 ", "latin1"), "image/webp")).toThrow(/RIFF size/);
  });
});

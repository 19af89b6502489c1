import fc from "fast-check";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { detectImageType, UnreadableImageError } from "./image-type";
import { stripImageMetadata } from "./strip-image-metadata";
import { buildHeic, type HeicLayout } from "./testing/heic-fixture";
import { GPS_XMP, photoWithLocation } from "./testing/image-fixtures";

// HEIC keeps Exif and XMP as items whose bytes iloc points at; they are overwritten in place (the file keeps its
// size and every other byte). The Exif block is a real one with GPS, taken from a sharp-made JPEG.

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

async function items() {
  const exifBlock = (await sharp(await photoWithLocation("jpeg")).metadata()).exif!; // "Exif\0\0" + TIFF, with GPS
  // A HEIC Exif item: the offset of the TIFF header, then the block (as Apple writes it).
  const exif = Uint8Array.from([0, 0, 0, 6, ...exifBlock]);
  return { picture: new TextEncoder().encode("stand-in for HEVC picture data ".repeat(4)), exif, xmp: new TextEncoder().encode(GPS_XMP) };
}

describe.each<HeicLayout>([{ where: "mdat" }, { where: "idat" }, { where: "mdat", splitExif: true }])("stripping a HEIC photo (%o)", (layout) => {
  it("blanks the Exif and XMP items in place and leaves every other byte", async () => {
    const heic = buildHeic(await items(), layout);
    expect(detectImageType(heic.bytes)?.contentType).toBe("image/heic");
    expect(text(heic.bytes)).toContain("LeakyCam");
    expect(text(heic.bytes)).toContain("GPSLatitude");

    const stripped = stripImageMetadata(heic.bytes, "image/heic");
    expect(stripped.length).toBe(heic.bytes.length);
    expect(detectImageType(stripped)?.contentType).toBe("image/heic");
    for (const needle of ["LeakyCam", "GPSLatitude", "51,30"]) expect(text(stripped)).not.toContain(needle);

    const [[exifStart, exifEnd]] = heic.extents.exif as [[number, number]];
    const [[xmpStart, xmpEnd]] = heic.extents.xmp as [[number, number]];
    // An empty Exif block (TIFF header, no tags) and an empty XMP packet padded with spaces.
    expect(text(stripped.subarray(exifStart, exifStart + 24))).toBe("\0\0\0\u0006Exif\0\0MM\0*\0\0\0\b\0\0\0\0\0\0");
    expect(stripped.subarray(exifStart + 24, exifEnd).every((b) => b === 0)).toBe(true);
    expect(text(stripped.subarray(xmpStart, xmpEnd))).toMatch(/^<\?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"\?><x:xmpmeta xmlns:x="adobe:ns:meta\/"\/> +<\?xpacket end="w"\?>$/);
    // Outside the two items nothing changed: the boxes, the item tables, the picture.
    const outside = (bytes: Uint8Array) => [...bytes].filter((_, i) => !(i >= exifStart && i < exifEnd) && !(i >= xmpStart && i < xmpEnd));
    expect(outside(stripped)).toEqual(outside(heic.bytes));
    // Stripping again changes nothing.
    expect(Buffer.from(stripImageMetadata(stripped, "image/heic")).equals(Buffer.from(stripped))).toBe(true);
  });
});

describe("HEIC refusals", () => {
  it("refuses an image sequence (its tracks can hold a location we do not rewrite) and a cut file", async () => {
    const sequence = buildHeic(await items(), { where: "mdat", sequence: true }).bytes;
    expect(() => stripImageMetadata(sequence, "image/heic")).toThrow(/sequences are not accepted/);
    const whole = buildHeic(await items(), { where: "mdat" }).bytes;
    for (const cut of [20, 40, 120, whole.length - 1]) expect(() => stripImageMetadata(whole.subarray(0, cut), "image/heic"), `cut at ${cut}`).toThrow(UnreadableImageError);
  });

  it("meets damaged item tables with a refusal, never another error", async () => {
    const whole = buildHeic(await items(), { where: "idat" }).bytes;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(whole.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
        const damaged = whole.slice();
        for (const [at, value] of flips) damaged[at] = value;
        try {
          stripImageMetadata(damaged, "image/heic");
        } catch (error) {
          expect(error).toBeInstanceOf(UnreadableImageError);
        }
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});

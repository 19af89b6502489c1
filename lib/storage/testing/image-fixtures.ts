import sharp from "sharp";

// Small real photos with a location in them, as a phone would write it: Exif GPS (latitude 51°30'26.21" N,
// longitude 0°7'39.54" W), a camera make, orientation 6 (rotate 90°), and an XMP packet that repeats the position.
// Made by sharp (libvips) so the fixtures are real files a real decoder reads, not hand-made headers.

export const GPS_XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.4368N" exif:GPSLongitude="0,7.659W"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

export type Format = "jpeg" | "png" | "webp";

export async function photoWithLocation(format: Format, orientation = 6): Promise<Uint8Array> {
  const image = sharp({ create: { width: 24, height: 16, channels: 3, background: "#c83232" } })
    [format]()
    .withMetadata({ orientation })
    .withExifMerge({
      IFD0: { Make: "LeakyCam" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 2621/100", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 3954/100" },
    })
    .withXmp(GPS_XMP);
  return new Uint8Array(await image.toBuffer());
}

/** The same picture with no metadata at all. */
export async function plainPhoto(format: Format): Promise<Uint8Array> {
  return new Uint8Array(await sharp({ create: { width: 24, height: 16, channels: 3, background: "#c83232" } })[format]().toBuffer());
}

/** The tags of IFD0 and whether a GPS IFD exists, read from an Exif block. Written apart from the app's reader. */
export function exifTags(block: Uint8Array): { ifd0: number[]; hasGps: boolean; orientation?: number } {
  const tiff = String.fromCharCode(...block.subarray(0, 4)) === "Exif" ? block.subarray(6) : block;
  const little = tiff[0] === 0x49;
  const dv = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = dv.getUint32(4, little);
  const tags: number[] = [];
  let orientation: number | undefined;
  for (let i = 0; i < dv.getUint16(ifd, little); i++) {
    const entry = ifd + 2 + 12 * i;
    tags.push(dv.getUint16(entry, little));
    if (tags.at(-1) === 0x0112) orientation = dv.getUint16(entry + 8, little);
  }
  return { ifd0: tags, hasGps: tags.includes(0x8825), orientation };
}

/** Decoded pixels, to show that stripping changed no pixel. */
export async function pixels(bytes: Uint8Array): Promise<Buffer> {
  return sharp(bytes).raw().toBuffer();
}

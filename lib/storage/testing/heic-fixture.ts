// A HEIC file's structure as an iPhone writes it (ftyp, meta with hdlr/pitm/iinf/iloc, mdat), with an Exif item and
// an XMP item beside the picture. The picture's bytes are a stand-in: nothing on this machine decodes HEVC (sharp's
// libvips reads AVIF only), so the HEIC tests check the structure, not the pixels.

const u8 = (...values: number[]) => Uint8Array.from(values);
const u16 = (v: number) => u8(v >> 8, v & 0xff);
const u32 = (v: number) => u8(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
const str = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const box = (type: string, ...body: Uint8Array[]) => {
  const content = cat(...body);
  return cat(u32(8 + content.length), str(type), content);
};
const fullBox = (type: string, version: number, ...body: Uint8Array[]) => box(type, u8(version, 0, 0, 0), ...body);
const infe = (id: number, type: string, contentType?: string) =>
  fullBox("infe", 2, u16(id), u16(0), str(type), u8(0), ...(contentType ? [str(contentType), u8(0)] : []));

export type HeicItems = { picture: Uint8Array; exif: Uint8Array; xmp: Uint8Array };
export type HeicLayout = {
  /** iloc version 0 with file offsets into mdat, or version 1 with the metadata in idat (construction method 1). */
  where: "mdat" | "idat";
  /** Store the Exif item in two extents. */
  splitExif?: boolean;
  /** Add a moov box, as an image sequence has. */
  sequence?: boolean;
};

/** The file, and where each item's bytes ended up (file offsets), for the test to look at. */
export function buildHeic(items: HeicItems, layout: HeicLayout): { bytes: Uint8Array; extents: Record<keyof HeicItems, [number, number][]> } {
  const ftyp = box("ftyp", str("heic"), u32(0), str("mif1"), str("heic"));
  const hdlr = fullBox("hdlr", 0, u32(0), str("pict"), u32(0), u32(0), u32(0), u8(0));
  const iinf = fullBox("iinf", 0, u16(3), infe(1, "hvc1"), infe(2, "Exif"), infe(3, "mime", "application/rdf+xml"));
  const half = Math.floor(items.exif.length / 2);
  const inIdat = layout.where === "idat";

  // Item data offsets: the picture always in mdat; Exif and XMP in mdat or idat.
  const iloc = (mdatData: number) => {
    const exifBase = inIdat ? 0 : mdatData + items.picture.length;
    const xmpOffset = inIdat ? items.exif.length : mdatData + items.picture.length + items.exif.length;
    const exifExtents: [number, number][] = layout.splitExif ? [[exifBase, half], [exifBase + half, items.exif.length - half]] : [[exifBase, items.exif.length]];
    const extents = (list: [number, number][]) => cat(u16(list.length), ...list.flatMap(([o, l]) => [u32(o), u32(l)]));
    const entry = (id: number, method: number, list: [number, number][]) => cat(u16(id), ...(layout.where === "idat" ? [u16(method)] : []), u16(0), extents(list));
    return fullBox(
      "iloc",
      inIdat ? 1 : 0,
      u8(0x44, 0x00),
      u16(3),
      entry(1, 0, [[mdatData, items.picture.length]]),
      entry(2, inIdat ? 1 : 0, exifExtents),
      entry(3, inIdat ? 1 : 0, [[xmpOffset, items.xmp.length]]),
    );
  };
  const idat = inIdat ? box("idat", items.exif, items.xmp) : new Uint8Array(0);
  const metaOf = (mdatData: number) => fullBox("meta", 0, hdlr, fullBox("pitm", 0, u16(1)), iinf, iloc(mdatData), idat);
  const moov = layout.sequence ? box("moov", box("udta", box("\u00a9xyz", str("+51.5074-000.1278/")))) : new Uint8Array(0);
  const metaSize = metaOf(0).length;
  const mdatData = ftyp.length + metaSize + moov.length + 8;
  const meta = metaOf(mdatData);
  const mdat = box("mdat", items.picture, ...(inIdat ? [] : [items.exif, items.xmp]));
  const bytes = cat(ftyp, meta, moov, mdat);

  const idatData = ftyp.length + meta.length - idat.length + 8;
  const exifStart = inIdat ? idatData : mdatData + items.picture.length;
  const xmpStart = exifStart + items.exif.length;
  return {
    bytes,
    extents: {
      picture: [[mdatData, mdatData + items.picture.length]],
      exif: [[exifStart, exifStart + items.exif.length]],
      xmp: [[xmpStart, xmpStart + items.xmp.length]],
    },
  };
}

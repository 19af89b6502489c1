import { UnreadableImageError } from "./image-type";

// HEIC (ISO BMFF / HEIF): Exif and XMP are items of the `meta` box, their bytes located by `iloc`, usually in
// `mdat`. Removing an item would mean rewriting iinf, iloc, iref and every offset after it; instead the items'
// bytes are overwritten where they lie, with an empty Exif block and an empty XMP packet padded to the same length.
// The file keeps its size and structure, and no other byte changes. A HEIC's orientation is the `irot`/`imir`
// properties, not Exif, so nothing is lost. No npm library does this without decoding (sharp's bundled libvips reads
// AVIF, not HEVC), and re-encoding would need an HEVC encoder.

type Box = { type: string; start: number; body: number; end: number };

function* boxesIn(b: Uint8Array, view: DataView, from: number, to: number): Generator<Box> {
  for (let pos = from; pos < to; ) {
    if (pos + 8 > to) throw new UnreadableImageError("HEIC box header cut short");
    let size = view.getUint32(pos);
    const type = String.fromCharCode(...b.subarray(pos + 4, pos + 8));
    let body = pos + 8;
    if (size === 1) {
      if (pos + 16 > to) throw new UnreadableImageError("HEIC box header cut short");
      size = view.getUint32(pos + 8) * 2 ** 32 + view.getUint32(pos + 12);
      body = pos + 16;
    } else if (size === 0) size = to - pos;
    if (type === "uuid") body += 16;
    if (size < body - pos || pos + size > to) throw new UnreadableImageError(`HEIC box ${type} longer than its parent`);
    yield { type, start: pos, body, end: pos + size };
    pos += size;
  }
}

function readCString(b: Uint8Array, from: number, to: number): [value: string, next: number] {
  let end = from;
  while (end < to && b[end] !== 0) end++;
  return [String.fromCharCode(...b.subarray(from, end)), end + 1];
}

class Reader {
  constructor(
    private view: DataView,
    public pos: number,
    private end: number,
  ) {}
  uint(bytes: number): number {
    if (this.pos + bytes > this.end) throw new UnreadableImageError("HEIC item table cut short");
    let value = 0;
    for (let i = 0; i < bytes; i++) value = value * 256 + this.view.getUint8(this.pos + i);
    this.pos += bytes;
    return value;
  }
}

/** Item ids of Exif blocks and XMP packets, from `iinf`. */
function metadataItems(b: Uint8Array, view: DataView, iinf: Box): Map<number, "exif" | "xmp"> {
  const items = new Map<number, "exif" | "xmp">();
  const version = b[iinf.body]!;
  const first = iinf.body + 4 + (version === 0 ? 2 : 4);
  for (const infe of boxesIn(b, view, first, iinf.end)) {
    if (infe.type !== "infe") continue;
    const infeVersion = b[infe.body]!;
    if (infeVersion < 2) continue; // no item type before version 2
    const r = new Reader(view, infe.body + 4, infe.end);
    const id = r.uint(infeVersion === 2 ? 2 : 4);
    r.uint(2); // protection index
    const itemType = String.fromCharCode(...b.subarray(r.pos, r.pos + 4));
    if (itemType === "Exif") items.set(id, "exif");
    if (itemType === "mime") {
      const [, afterName] = readCString(b, r.pos + 4, infe.end);
      const [contentType] = readCString(b, afterName, infe.end);
      if (contentType === "application/rdf+xml") items.set(id, "xmp");
    }
  }
  return items;
}

type Extent = { start: number; end: number };

/** Where each wanted item's bytes lie in the file, from `iloc` (in the file itself or in `idat`). */
function itemExtents(b: Uint8Array, view: DataView, iloc: Box, idat: Box | undefined, wanted: Map<number, unknown>): Map<number, Extent[]> {
  const version = b[iloc.body]!;
  if (version > 2) throw new UnreadableImageError("HEIC item locations of an unknown version");
  const r = new Reader(view, iloc.body + 4, iloc.end);
  const sizes = r.uint(1);
  const more = r.uint(1);
  const [offsetSize, lengthSize, baseSize] = [sizes >> 4, sizes & 15, more >> 4];
  const indexSize = version === 0 ? 0 : more & 15;
  const count = r.uint(version < 2 ? 2 : 4);
  const found = new Map<number, Extent[]>();
  for (let i = 0; i < count; i++) {
    const id = r.uint(version < 2 ? 2 : 4);
    const method = version === 0 ? 0 : r.uint(2) & 15;
    const dataReference = r.uint(2);
    const base = r.uint(baseSize);
    const extentCount = r.uint(2);
    const extents: Extent[] = [];
    for (let e = 0; e < extentCount; e++) {
      r.uint(indexSize);
      const offset = r.uint(offsetSize);
      const length = r.uint(lengthSize);
      if (!wanted.has(id) || dataReference !== 0) continue; // another file's bytes are not in this one
      // Method 0: offsets in the file; 1: in idat's data; 2 (offsets into another item) is not used for metadata.
      if (method === 2 || (method === 1 && !idat)) throw new UnreadableImageError("HEIC metadata stored in a way we cannot check");
      const [origin, limit] = method === 0 ? [0, b.length] : [idat!.body, idat!.end];
      const start = origin + base + offset;
      const end = length === 0 ? limit : start + length;
      if (start > limit || end > limit) throw new UnreadableImageError("HEIC item outside the file");
      extents.push({ start, end });
    }
    if (extents.length > 0) found.set(id, extents);
  }
  return found;
}

const emptyExif = new Uint8Array([0, 0, 0, 6, 0x45, 0x78, 0x69, 0x66, 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0]);
const xmpOpen = new TextEncoder().encode('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"/>');
const xmpClose = new TextEncoder().encode('<?xpacket end="w"?>');

/** Writes `content` across the extents and zeroes (Exif) or blanks (XMP) the rest. */
function overwrite(out: Uint8Array, extents: Extent[], kind: "exif" | "xmp") {
  const total = extents.reduce((n, x) => n + x.end - x.start, 0);
  const logical = new Uint8Array(total).fill(kind === "xmp" ? 0x20 : 0);
  if (kind === "exif" && total >= emptyExif.length) logical.set(emptyExif);
  if (kind === "xmp" && total >= xmpOpen.length + xmpClose.length) {
    logical.set(xmpOpen);
    logical.set(xmpClose, total - xmpClose.length);
  }
  let at = 0;
  for (const { start, end } of extents) {
    out.set(logical.subarray(at, at + end - start), start);
    at += end - start;
  }
}

export function stripHeicMetadata(b: Uint8Array): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const top = [...boxesIn(b, view, 0, b.length)];
  // A still photo: an image sequence keeps more metadata in its tracks (and a location in udta) than we rewrite.
  if (top.some((box) => box.type === "moov")) throw new UnreadableImageError("HEIC image sequences are not accepted");
  const metas = top.filter((box) => box.type === "meta");
  if (metas.length !== 1) throw new UnreadableImageError("HEIC without exactly one meta box");
  const children = [...boxesIn(b, view, metas[0]!.body + 4, metas[0]!.end)];
  const iinf = children.find((box) => box.type === "iinf");
  const iloc = children.find((box) => box.type === "iloc");
  if (!iinf || !iloc) throw new UnreadableImageError("HEIC without its item tables");
  const items = metadataItems(b, view, iinf);
  const out = b.slice();
  if (items.size === 0) return out;
  const extents = itemExtents(b, view, iloc, children.find((box) => box.type === "idat"), items);
  for (const [id, kind] of items) overwrite(out, extents.get(id) ?? [], kind);
  return out;
}

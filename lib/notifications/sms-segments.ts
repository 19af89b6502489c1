// How many SMS segments a text costs (3GPP TS 23.038 / 23.040). A text made only of the GSM-7 alphabet goes as 7-bit
// septets; anything else — one emoji, one "ë" — switches the whole message to UCS-2 (UTF-16 code units). A long
// message is split into concatenated segments whose user-data header eats 7 septets / 3 code units of each.

export type SmsEncoding = "GSM-7" | "UCS-2";

export type SmsSegments = {
  encoding: SmsEncoding;
  /** Length in the encoding's units: GSM-7 septets (an extension-table character counts 2) or UTF-16 code units. */
  characters: number;
  segments: number;
  /** Units one segment holds for this message: 160/153 for GSM-7, 70/67 for UCS-2. */
  perSegment: number;
};

const GSM7_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
// Reached through the escape character, so each costs two septets.
const GSM7_EXTENSION = "\f^{}\\[~]|€";

const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

const limits = {
  "GSM-7": { single: 160, multi: 153 },
  "UCS-2": { single: 70, multi: 67 },
} as const;

/** Septets a character costs in GSM-7, or null when GSM-7 cannot carry it. */
function septets(char: string): 1 | 2 | null {
  if (basic.has(char)) return 1;
  if (extension.has(char)) return 2;
  return null;
}

export function smsSegments(text: string): SmsSegments {
  // Iterating a string yields code points, so a surrogate pair stays one unit of cost 2 below.
  const chars = Array.from(text);
  const gsmCosts = chars.map(septets);
  const encoding: SmsEncoding = gsmCosts.every((c) => c !== null) ? "GSM-7" : "UCS-2";
  const costs = encoding === "GSM-7" ? (gsmCosts as number[]) : chars.map((c) => c.length);
  const characters = costs.reduce((sum, c) => sum + c, 0);
  const { single, multi } = limits[encoding];

  if (characters === 0) return { encoding, characters, segments: 0, perSegment: single };
  if (characters <= single) return { encoding, characters, segments: 1, perSegment: single };

  // Neither an escape sequence nor a surrogate pair may be split, so a segment may end a unit short.
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > multi) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, characters, segments, perSegment: multi };
}

/**
 * Our own wording in GSM-7 where a look-alike exists: Intl puts a narrow no-break space before "PM", and typed
 * text brings curly quotes and dashes — any one of them would otherwise halve what a segment holds.
 */
export function gsmFriendly(text: string): string {
  return text
    .replace(/[\u00a0\u2007\u2009\u202f]/g, " ")
    .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, "-")
    .replace(/\u2026/g, "...");
}

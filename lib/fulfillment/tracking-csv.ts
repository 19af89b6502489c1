import type { Carrier } from "@/db/schema/enums";
import { UserFacingError } from "@/lib/errors";
import { normaliseTrackingNumber, trackingNumberProblem } from "@/lib/orders/tracking";

// The tracking-number CSV people export from a carrier's or warehouse's system: one row per order. Plain
// functions with no database, so the dialog can share the limits and the tests can feed text straight in.

export const MAX_IMPORT_ROWS = 5_000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** A problem with the whole file: nothing in it is looked at further. */
export class TrackingCsvError extends UserFacingError {
  constructor(message: string) {
    super(message);
    this.name = "TrackingCsvError";
  }
}

export type CsvRecord = { line: number; fields: string[] };

/**
 * RFC 4180: fields separated by commas, quoted fields may hold commas, line breaks and doubled quotes; lines end in
 * CRLF or LF. A byte-order mark and a final line break are allowed. Each record keeps the line it starts on, which
 * is the line a spreadsheet shows and the one we name in errors.
 */
export function parseCsv(text: string): CsvRecord[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false; // the current field was quoted, so it exists even when empty
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = "";
    quoted = false;
  };
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '"' && field === "" && !quoted) {
      const quoteLine = line;
      quoted = true;
      i++;
      for (;;) {
        if (i >= source.length) throw new TrackingCsvError(`This is not a valid CSV file: the quoted value that starts on line ${quoteLine} is never closed.`);
        const c = source[i]!;
        i++;
        if (c !== '"') {
          if (c === "\n") line++;
          field += c;
        } else if (source[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
      const after = source[i];
      if (after !== undefined && after !== "," && after !== "\n" && after !== "\r") {
        throw new TrackingCsvError(`This is not a valid CSV file: on line ${line} a quoted value is followed by more text before the next comma.`);
      }
    } else if (ch === ",") {
      endField();
      i++;
    } else if (ch === "\r" || ch === "\n") {
      endField();
      records.push({ line: recordLine, fields });
      fields = [];
      i += ch === "\r" && source[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== "" || quoted || fields.length > 0) {
    endField();
    records.push({ line: recordLine, fields });
  }
  return records;
}

type Column = "orderNumber" | "carrier" | "trackingNumber" | "carrierName" | "trackingUrl";

const columnNames: Record<Column, string> = {
  orderNumber: "order number",
  carrier: "carrier",
  trackingNumber: "tracking number",
  carrierName: "carrier name",
  trackingUrl: "tracking url",
};
const required: Column[] = ["orderNumber", "carrier", "trackingNumber"];

// Header spellings people use, after lower-casing and turning _ and - into spaces.
const headerAliases: Record<string, Column> = {
  "order number": "orderNumber",
  order: "orderNumber",
  number: "orderNumber",
  "order no": "orderNumber",
  carrier: "carrier",
  "tracking number": "trackingNumber",
  tracking: "trackingNumber",
  "tracking no": "trackingNumber",
  "carrier name": "carrierName",
  "tracking url": "trackingUrl",
  "tracking link": "trackingUrl",
  "tracking url template": "trackingUrl",
};

const carrierAliases: Record<string, Carrier> = { ups: "ups", usps: "usps", fedex: "fedex", dhl: "dhl", other: "other", othercarrier: "other" };

function headerKey(raw: string): string {
  return raw.trim().toLowerCase().replace(/[\s_-]+/g, " ").replace(/\.$/, "");
}

/** The carrier a cell names ("FedEx", "fed ex", "UPS"), or null. */
export function parseCarrier(raw: string): Carrier | null {
  return carrierAliases[raw.toLowerCase().replace(/[\s.-]/g, "")] ?? null;
}

export type TrackingCsvRow = {
  line: number;
  /** Trimmed and upper-cased: order numbers are stored as OL-100001. */
  orderNumber: string;
  carrier: Carrier | null;
  /** As written, for showing back when it is not a carrier we know. */
  carrierText: string;
  trackingNumber: string;
  carrierName: string | null;
  trackingUrlTemplate: string | null;
  error: string | null;
};

function columnIndexes(header: string[]): Partial<Record<Column, number>> {
  const found: Partial<Record<Column, number>> = {};
  header.forEach((raw, index) => {
    const column = headerAliases[headerKey(raw)];
    if (!column) return; // other columns (notes, weights…) are allowed and ignored
    if (found[column] !== undefined) throw new TrackingCsvError(`The column "${columnNames[column]}" appears twice in the first line; keep one.`);
    found[column] = index;
  });
  const missing = required.filter((c) => found[c] === undefined);
  if (missing.length > 0) {
    const looksSeparated = header.length === 1 && /[;\t|]/.test(header[0] ?? "");
    throw new TrackingCsvError(
      looksSeparated
        ? "The columns must be separated by commas (this file seems to use semicolons or tabs). Save it as CSV (comma-separated)."
        : `The first line must name the columns; missing: ${missing.map((c) => `"${columnNames[c]}"`).join(", ")}.`,
    );
  }
  return found;
}

function rowError(row: Omit<TrackingCsvRow, "error">): string | null {
  if (!row.orderNumber) return "The order number is missing.";
  if (!row.carrierText) return "The carrier is missing.";
  if (!row.carrier) return `"${row.carrierText}" is not a carrier we know (UPS, USPS, FedEx, DHL or Other).`;
  if (row.carrier === "other" && !row.carrierName) return 'For carrier Other, give its name in the "carrier name" column.';
  return trackingNumberProblem(row.carrier, row.trackingNumber, row.trackingUrlTemplate);
}

/**
 * Reads a tracking CSV: whole-file problems (not CSV, missing columns, empty, too big) throw TrackingCsvError; each
 * row comes back with its normalised values and its own error, if any. An order named twice is an error on every
 * later row, so the file says once what should happen to each order.
 */
export function parseTrackingCsv(text: string): TrackingCsvRow[] {
  if (new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) throw new TrackingCsvError("The file is larger than 2 MB; split it into smaller files.");
  if (text.includes("\u0000")) throw new TrackingCsvError("This is not a CSV file. If it is a spreadsheet, save it as CSV (comma-separated) first.");
  const records = parseCsv(text).filter((r) => r.fields.some((f) => f.trim() !== ""));
  if (records.length === 0) throw new TrackingCsvError("The file is empty.");
  const [header, ...data] = records;
  const at = columnIndexes(header!.fields);
  if (data.length === 0) throw new TrackingCsvError("The file has a header line but no rows.");
  if (data.length > MAX_IMPORT_ROWS) {
    throw new TrackingCsvError(`The file has ${data.length.toLocaleString("en-US")} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString("en-US")} at a time.`);
  }
  const cell = (fields: string[], column: Column) => {
    const index = at[column];
    return index === undefined ? "" : (fields[index] ?? "").trim();
  };
  const firstLine = new Map<string, number>();
  return data.map(({ line, fields }) => {
    const carrierText = cell(fields, "carrier");
    const carrier = parseCarrier(carrierText);
    const other = carrier === "other";
    const values = {
      line,
      orderNumber: cell(fields, "orderNumber").toUpperCase(),
      carrier,
      carrierText,
      trackingNumber: normaliseTrackingNumber(cell(fields, "trackingNumber")),
      carrierName: other ? cell(fields, "carrierName") || null : null,
      trackingUrlTemplate: other ? cell(fields, "trackingUrl") || null : null,
    };
    let error = rowError(values);
    const earlier = values.orderNumber ? firstLine.get(values.orderNumber) : undefined;
    if (earlier !== undefined) error = `${values.orderNumber} is already on line ${earlier}; give each order once.`;
    else if (values.orderNumber) firstLine.set(values.orderNumber, line);
    return { ...values, error };
  });
}

// Writing CSV (RFC 4180) that is safe to open in a spreadsheet. The reading side is lib/fulfillment/tracking-csv.ts.

/** Makes Excel and LibreOffice open the file as UTF-8 instead of guessing a legacy code page. */
export const UTF8_BOM = "\uFEFF";

/** Records end with CRLF (RFC 4180). */
export const CSV_RECORD_END = "\r\n";

// A cell starting with one of these is run as a formula by spreadsheet apps ("=HYPERLINK(…)" in a customer's name
// would be a live link in a supervisor's sheet). OWASP's advice: prefix a single quote so it stays text.
const FORMULA_START = /^[=+\-@\t\r]/;

// Where a reader may start a new cell or row inside this one: at a ";" or a tab (the delimiter of .csv files in
// many locales, and of pasted or .tsv text), or at a line break. Quoting keeps them inside the cell for a reader
// that splits on commas, but a reader splitting on ";" honours a quote only at a cell's start: it reads
// `Ada,"Flat 2;=HYPERLINK(…)"` as `Ada,"Flat 2` and `=HYPERLINK(…)"`, a formula. So an apostrophe follows such a
// break when a formula (or a quote, which would reopen one) comes next.
const INNER_BREAK_BEFORE_FORMULA = /([;\t\n])(?=[=+\-@\t\r"])/g;

/**
 * One cell. Text that could start a formula gets a leading apostrophe, and so does a formula after a ";", a tab or a
 * line break inside it; line breaks inside a cell are written as LF alone, so CRLF appears only between records (a
 * reader can count records without parsing quotes); a cell with a comma, semicolon, tab, quote or line break is
 * quoted, with quotes doubled.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = FORMULA_START.test(value) ? `'${value}` : value;
  text = text.replace(/\r\n?/g, "\n").replace(INNER_BREAK_BEFORE_FORMULA, "$1'");
  return /[",;\t\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRecord(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(",") + CSV_RECORD_END;
}

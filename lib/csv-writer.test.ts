import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/fulfillment/tracking-csv";
import { csvCell, csvRecord } from "./csv-writer";

describe("csvCell", () => {
  it("leaves plain text and numbers alone", () => {
    expect(csvCell("Ada Lovelace")).toBe("Ada Lovelace");
    expect(csvCell(4)).toBe("4");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("quotes commas, quotes and line breaks (RFC 4180), with in-cell line breaks as LF", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('She said "hi"')).toBe('"She said ""hi"""');
    expect(csvCell("line 1\r\nline 2\rline 3\nline 4")).toBe('"line 1\nline 2\nline 3\nline 4"');
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\",\"x\")")).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell("+15555550100")).toBe("'+15555550100");
    expect(csvCell("-1+2")).toBe("'-1+2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("\"'\tcmd\"");
    expect(csvCell("\r=1")).toBe("\"'\n'=1\"");
    // Only the first character matters.
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("round-trips through an RFC 4180 reader, with CRLF only between records", () => {
    const rows = [
      ["id", "text"],
      ["1", 'a "quoted", multi\r\nline value'],
      ["2", "=cmd"],
    ];
    const csv = rows.map(csvRecord).join("");
    expect(csv.split("\r\n")).toHaveLength(rows.length + 1);
    expect(parseCsv(csv).map((r) => r.fields)).toEqual([["id", "text"], ["1", 'a "quoted", multi\nline value'], ["2", "'=cmd"]]);
  });

  it("quotes a cell holding a semicolon or a tab, and neutralises a formula right after one or after a line break", () => {
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell("a\tb")).toBe('"a\tb"');
    expect(csvCell("a;=1+1")).toBe("\"a;'=1+1\"");
    expect(csvCell("a\t@SUM(A1)")).toBe("\"a\t'@SUM(A1)\"");
    expect(csvCell("line 1\n-2+3")).toBe("\"line 1\n'-2+3\"");
    // A quote after the break would reopen a quoted cell for a reader that splits there.
    expect(csvCell('a;"=1"')).toBe('"a;\'""=1"""');
    // Only directly after the break: a space already keeps the rest text.
    expect(csvCell("Flat 2; =B1")).toBe('"Flat 2; =B1"');
  });

  it("a formula after a ';' in a later cell cannot start a cell where ';' is the delimiter", () => {
    const record = csvRecord(["Ada", 'Flat 2;=HYPERLINK("http://evil","x")']);
    expect(record).toBe('Ada,"Flat 2;\'=HYPERLINK(""http://evil"",""x"")"\r\n');
    expect(readAs(record, ";", true).slice(0, 2)).toEqual(['Ada,"Flat 2', '\'=HYPERLINK(""http://evil"",""x"")"']);
  });
});

// Excel and LibreOffice in many European locales split a .csv on ";" (and pasted or .tsv text on tabs), honouring a
// quote only at the start of a cell; other tools ignore quotes. Read each way, no cell of a written record may start
// a formula.
function readAs(text: string, delimiter: string, honourQuotes: boolean): string[] {
  const fields: string[] = [];
  // Records end with CRLF and a cell holds LF alone (see csvCell), so records can be told apart before cells.
  for (const record of text.split("\r\n")) {
    let field = "";
    let quoted = false;
    for (let i = 0; i < record.length; i++) {
      const c = record[i]!;
      if (quoted) {
        if (c === '"' && record[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (honourQuotes && c === '"' && field === "") quoted = true;
      else if (c === delimiter || c === "\n") {
        fields.push(field);
        field = "";
      } else field += c;
    }
    fields.push(field);
  }
  return fields;
}

describe("csvRecord read with another delimiter", () => {
  const formulaStart = /^[=+\-@\t\r]/;
  const piece = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(";", "\t", ",", '"', "=", "+", "-", "@", "=cmd|' /C calc'!A0", " ", "\n", "\r\n"));
  const cellText = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(""));

  it.each([
    [";", true],
    [";", false],
    ["\t", true],
    ["\t", false],
  ])("split on %j (quotes honoured: %s), no cell starts a formula", (delimiter, honourQuotes) => {
    fc.assert(
      fc.property(fc.array(cellText, { minLength: 1, maxLength: 4 }), (cells) => {
        for (const field of readAs(csvRecord(cells), delimiter, honourQuotes)) expect(field).not.toMatch(formulaStart);
      }),
      { seed: 15, numRuns: 400 },
    );
  });
});

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
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("\r=1")).toBe("\"'\n=1\"");
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
});

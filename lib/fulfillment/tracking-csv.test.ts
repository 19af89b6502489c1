import { describe, expect, it } from "vitest";
import { MAX_IMPORT_ROWS, parseCarrier, parseCsv, parseTrackingCsv } from "./tracking-csv";

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, and keeps the line each record starts on", () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n"",plain,\r\nlast,row,here';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["x, y", 'say "hi"', "two\nlines"] },
      { line: 4, fields: ["", "plain", ""] },
      { line: 5, fields: ["last", "row", "here"] },
    ]);
  });

  it("drops a byte-order mark and ignores a final line break, with LF or CRLF", () => {
    expect(parseCsv("\uFEFFa,b\nc,d\n")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["c", "d"] },
    ]);
    expect(parseCsv("a,b\r\nc,d\r\n")).toEqual(parseCsv("a,b\nc,d"));
  });

  it("refuses an unclosed quote and text after a closing quote", () => {
    expect(() => parseCsv('a,b\n"open,c\nd,e')).toThrow("the quoted value that starts on line 2 is never closed");
    expect(() => parseCsv('a,"b"c\n')).toThrow("on line 1 a quoted value is followed by more text");
  });
});

describe("parseTrackingCsv", () => {
  it("accepts header aliases in any case and spacing, ignores other columns, and normalises each row", () => {
    const rows = parseTrackingCsv(
      "\uFEFF Order_Number ,Notes,CARRIER,Tracking\r\nol-100001,fragile,Fed Ex,1234 5678 9012\r\nOL-100002,,ups,1z999aa1-0123456784\r\n\r\n",
    );
    expect(rows).toEqual([
      { line: 2, orderNumber: "OL-100001", carrier: "fedex", carrierText: "Fed Ex", trackingNumber: "123456789012", carrierName: null, trackingUrlTemplate: null, error: null },
      { line: 3, orderNumber: "OL-100002", carrier: "ups", carrierText: "ups", trackingNumber: "1Z999AA10123456784", carrierName: null, trackingUrlTemplate: null, error: null },
    ]);
  });

  it("reads carrier Other with its name and quoted link template", () => {
    const [row] = parseTrackingCsv('order,carrier,tracking number,carrier name,tracking url\nOL-1,Other,ab12345678,Parcel Co,"https://parcel.example/t?n={tracking}&a=1"\n');
    expect(row).toMatchObject({ carrier: "other", carrierName: "Parcel Co", trackingUrlTemplate: "https://parcel.example/t?n={tracking}&a=1", trackingNumber: "AB12345678", error: null });
  });

  it("gives each bad row its own error, and names the earlier line of a duplicate order", () => {
    const rows = parseTrackingCsv(
      [
        "number,carrier,tracking_number,carrier name,tracking url",
        ",UPS,1Z999AA10123456784,,",
        "OL-1,Pigeon,1234567890,,",
        "OL-2,FedEx,1Z999AA10123456784,,",
        "OL-3,Other,AB12345678,,https://x.example/{tracking}",
        "OL-4,Other,AB12345678,Parcel Co,http://x.example/{tracking}",
        "OL-5,DHL,1234567890,,",
        "ol-5,DHL,1234567891,,",
      ].join("\n"),
    );
    expect(rows.map((r) => [r.line, r.error])).toEqual([
      [2, "The order number is missing."],
      [3, '"Pigeon" is not a carrier we know (UPS, USPS, FedEx, DHL or Other).'],
      [4, "This is not a FedEx tracking number (for example 123456789012)."],
      [5, 'For carrier Other, give its name in the "carrier name" column.'],
      [6, "The tracking link must start with https://."],
      [7, null],
      [8, "OL-5 is already on line 7; give each order once."],
    ]);
  });

  it("names the missing columns, and says when the file is empty, header-only, too long or not CSV", () => {
    expect(() => parseTrackingCsv("order,tracking\nOL-1,1234567890")).toThrow('The first line must name the columns; missing: "carrier".');
    expect(() => parseTrackingCsv("id,name\n1,2")).toThrow('missing: "order number", "carrier", "tracking number"');
    expect(() => parseTrackingCsv("order;carrier;tracking\nOL-1;DHL;1234567890")).toThrow("separated by commas");
    expect(() => parseTrackingCsv("order,carrier,order number,tracking\n")).toThrow('The column "order number" appears twice');
    expect(() => parseTrackingCsv("")).toThrow("The file is empty.");
    expect(() => parseTrackingCsv("\r\n,,\r\n")).toThrow("The file is empty.");
    expect(() => parseTrackingCsv("order,carrier,tracking\r\n")).toThrow("The file has a header line but no rows.");
    expect(() => parseTrackingCsv("PK\u0003\u0004\u0000\u0000binary")).toThrow("This is not a CSV file.");
    const tooMany = ["order,carrier,tracking", ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `OL-${i},DHL,1234567890`)].join("\n");
    expect(() => parseTrackingCsv(tooMany)).toThrow("The file has 5,001 rows; import at most 5,000 at a time.");
    expect(() => parseTrackingCsv(`order,carrier,tracking\n${"x".repeat(2 * 1024 * 1024)}`)).toThrow("larger than 2 MB");
  });

  it("knows the carriers by any common spelling", () => {
    expect(["UPS", "usps", "FedEx", "fed ex", "Fed-Ex", "dhl", "Other", "other carrier", "Royal Mail"].map(parseCarrier)).toEqual([
      "ups",
      "usps",
      "fedex",
      "fedex",
      "fedex",
      "dhl",
      "other",
      "other",
      null,
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { gsmFriendly, smsSegments } from "./sms-segments";

describe("smsSegments", () => {
  it("fits 160 GSM-7 characters in one segment and splits 161 into two of 153", () => {
    expect(smsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", characters: 160, segments: 1, perSegment: 160 });
    expect(smsSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", characters: 161, segments: 2, perSegment: 153 });
    expect(smsSegments("a".repeat(306)).segments).toBe(2);
    expect(smsSegments("a".repeat(307)).segments).toBe(3);
  });

  it("counts an extension-table character as two septets", () => {
    expect(smsSegments("€")).toEqual({ encoding: "GSM-7", characters: 2, segments: 1, perSegment: 160 });
    expect(smsSegments("a".repeat(158) + "€").segments).toBe(1);
    expect(smsSegments("a".repeat(159) + "€")).toMatchObject({ characters: 161, segments: 2 });
    expect(smsSegments("[x]{y}|~^\\").characters).toBe(18); // eight escaped characters and two letters
  });

  it("never splits an escape sequence across segments", () => {
    // 152 septets, then "€" would straddle the 153 boundary: it moves whole to the second segment.
    const text = "a".repeat(152) + "€" + "a".repeat(152);
    expect(smsSegments(text)).toMatchObject({ encoding: "GSM-7", characters: 306, segments: 3 });
  });

  it("keeps GSM-7 for the basic set's accented letters and Greek capitals", () => {
    expect(smsSegments("Ça coûte £5 à Zürich, ΔΣΩ @ 10¤").encoding).toBe("UCS-2"); // "û" is not in GSM-7
    expect(smsSegments("Ça marche £5 à Zürich, ΔΣΩ @ 10¤ ¿¡ÆØÅß").encoding).toBe("GSM-7");
  });

  it("switches the whole message to UCS-2 for one character outside GSM-7", () => {
    expect(smsSegments("Your order has shipped 📦")).toEqual({ encoding: "UCS-2", characters: 25, segments: 1, perSegment: 70 });
    expect(smsSegments("Zoë").encoding).toBe("UCS-2");
    expect(smsSegments("李").characters).toBe(1);
  });

  it("holds 70 UCS-2 units in one segment and splits 71 into segments of 67", () => {
    expect(smsSegments("ë".repeat(70))).toEqual({ encoding: "UCS-2", characters: 70, segments: 1, perSegment: 70 });
    expect(smsSegments("ë".repeat(71))).toEqual({ encoding: "UCS-2", characters: 71, segments: 2, perSegment: 67 });
    expect(smsSegments("ë".repeat(134)).segments).toBe(2);
    expect(smsSegments("ë".repeat(135)).segments).toBe(3);
  });

  it("counts an emoji as two code units and never splits its surrogate pair", () => {
    expect(smsSegments("😀".repeat(35))).toMatchObject({ characters: 70, segments: 1 });
    // 66 units, then a pair that would straddle the 67 boundary: it moves whole to the next segment.
    const text = "ë".repeat(66) + "😀" + "ë".repeat(66);
    expect(smsSegments(text)).toMatchObject({ encoding: "UCS-2", characters: 134, segments: 3 });
  });

  it("costs nothing for an empty text", () => {
    expect(smsSegments("")).toEqual({ encoding: "GSM-7", characters: 0, segments: 0, perSegment: 160 });
  });
});

describe("gsmFriendly", () => {
  it("replaces Intl's narrow spaces and typographic punctuation with GSM-7 look-alikes", () => {
    const text = gsmFriendly("Nov 30, 3:00\u202fPM – “soon”… it’s here");
    expect(text).toBe('Nov 30, 3:00 PM - "soon"... it\'s here');
    expect(smsSegments(text).encoding).toBe("GSM-7");
  });
});

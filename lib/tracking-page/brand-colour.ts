// The shop's colour sits behind its name in the tracking page's header: pick black or white text, whichever
// contrasts more (WCAG relative luminance), so a light brand colour stays readable.

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** `#rgb` or `#rrggbb` (already checked by safeColor) → the text colour to put on it. */
export function textColorOn(hex: string): "#000000" | "#ffffff" {
  const digits = hex.slice(1);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join("") : digits;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  const luminance = 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
  // Contrast with white is 1.05 / (L + 0.05); with black (L + 0.05) / 0.05. They are equal at L ≈ 0.179.
  return luminance > 0.179 ? "#000000" : "#ffffff";
}

import type { CSSProperties } from "react";

// Inline styles only: most email clients drop <style> blocks and ignore classes.

export const fontFamily = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif";

export const body: CSSProperties = { backgroundColor: "#f4f4f5", fontFamily, margin: 0, padding: "24px 0" };
export const container: CSSProperties = { backgroundColor: "#ffffff", maxWidth: "600px", margin: "0 auto", borderRadius: "6px" };
export const content: CSSProperties = { padding: "8px 32px 16px" };
export const paragraph: CSSProperties = { fontSize: "15px", lineHeight: "22px", color: "#27272a", margin: "12px 0" };
export const heading: CSSProperties = { fontSize: "20px", lineHeight: "28px", fontWeight: 700, color: "#18181b", margin: "16px 0 8px" };
export const label: CSSProperties = { fontSize: "12px", lineHeight: "16px", color: "#71717a", textTransform: "uppercase", margin: "16px 0 4px" };
export const muted: CSSProperties = { fontSize: "13px", lineHeight: "20px", color: "#71717a", margin: "8px 0" };
export const footer: CSSProperties = { padding: "0 32px 24px" };
export const quote: CSSProperties = { ...paragraph, borderLeft: "3px solid #d4d4d8", paddingLeft: "12px", color: "#52525b" };

export function button(color: string): CSSProperties {
  return { backgroundColor: color, color: "#ffffff", fontSize: "15px", fontWeight: 600, borderRadius: "4px", padding: "12px 20px", textDecoration: "none" };
}

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The brand colour when it is a plain hex colour; anything else would reach a style attribute unchecked. */
export function safeColor(color: string): string {
  return HEX_COLOUR.test(color) ? color : "#3b5bdb";
}

import type { CSSProperties } from "react";
import type { ItemLine, Totals } from "./types";

const cell: CSSProperties = { fontSize: "14px", lineHeight: "20px", color: "#27272a", padding: "6px 0", borderBottom: "1px solid #e4e4e7" };
const right: CSSProperties = { ...cell, textAlign: "right", whiteSpace: "nowrap" };
const head: CSSProperties = { ...cell, fontSize: "12px", color: "#71717a", textAlign: "left" };
const totalCell: CSSProperties = { ...right, borderBottom: "none", padding: "3px 0" };

/** The ordered items with quantities and prices, and the order's totals when given. */
export function ItemsTable({ items, totals }: { items: ItemLine[]; totals?: Totals }) {
  return (
    <table width="100%" cellPadding={0} cellSpacing={0} role="presentation" data-text-format="dataTable" style={{ borderCollapse: "collapse", margin: "8px 0 16px" }}>
      <thead>
        <tr>
          <th style={head}>Item</th>
          <th style={{ ...head, textAlign: "right" }}>Qty</th>
          <th style={{ ...head, textAlign: "right" }}>Price</th>
          <th style={{ ...head, textAlign: "right" }}>Total</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item, i) => (
          <tr key={`${item.sku}-${i}`}>
            <td style={cell}>
              {item.name}
              <br />
              <span style={{ fontSize: "12px", color: "#71717a" }}>{item.sku}</span>
            </td>
            <td style={right}>{item.quantity}</td>
            <td style={right}>{item.unitPrice}</td>
            <td style={right}>{item.lineTotal}</td>
          </tr>
        ))}
        {totals ? (
          <>
            <TotalRow label="Subtotal" value={totals.subtotal} />
            <TotalRow label="Shipping" value={totals.shipping} />
            <TotalRow label="Tax" value={totals.tax} />
            <TotalRow label="Total" value={totals.total} strong />
          </>
        ) : null}
      </tbody>
    </table>
  );
}

function TotalRow({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  const style = strong ? { ...totalCell, fontWeight: 700 } : totalCell;
  return (
    <tr>
      <td style={{ ...style, textAlign: "left" }}>{label}</td>
      <td style={style} />
      <td style={style} />
      <td style={style}>{value}</td>
    </tr>
  );
}

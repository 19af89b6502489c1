import { Text } from "@react-email/components";
import * as s from "./styles";
import type { Address } from "./types";

/** A postal address, one line per part, as the customer typed it. */
export function AddressBlock({ title, address }: { title: string; address: Address }) {
  const cityLine = [address.city, [address.region, address.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const lines = [address.name, address.line1, address.line2, cityLine, address.country].filter((line): line is string => !!line?.trim());
  return (
    <>
      <Text style={s.label}>{title}</Text>
      <Text style={{ ...s.paragraph, margin: "0 0 8px" }}>
        {lines.map((line, i) => (
          <span key={i}>
            {i > 0 ? <br /> : null}
            {line}
          </span>
        ))}
      </Text>
    </>
  );
}

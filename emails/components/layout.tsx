import { Body, Container, Head, Hr, Html, Img, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import * as s from "./styles";
import type { Brand } from "./types";

type LayoutProps = { brand: Brand; preview: string; trackingPageUrl: string | null; children: ReactNode };

/** The frame of every notice: the shop's name or logo in its colour, the content, and how to reach the shop. */
export function Layout({ brand, preview, trackingPageUrl, children }: LayoutProps) {
  const color = s.safeColor(brand.primaryColor);
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={s.body}>
        <Container style={s.container}>
          <Section style={{ borderTop: `4px solid ${color}`, padding: "20px 32px 0" }}>
            {brand.logoUrl ? (
              <Img src={brand.logoUrl} alt={brand.shopName} height="40" style={{ display: "block", maxHeight: "40px" }} />
            ) : (
              <Text style={{ fontSize: "18px", fontWeight: 700, color, margin: 0 }}>{brand.shopName}</Text>
            )}
          </Section>
          <Section style={s.content}>{children}</Section>
          <Section style={s.footer}>
            <Hr style={{ borderColor: "#e4e4e7", margin: "0 0 8px" }} />
            {trackingPageUrl ? (
              <Text style={s.muted}>
                Follow your order at any time on <Link href={trackingPageUrl}>your order page</Link>.
              </Text>
            ) : null}
            <Text style={s.muted}>
              {/* The phone number stays plain text: phones link it themselves, and the text part stays clean. */}
              Questions? Email <Link href={`mailto:${brand.supportEmail}`}>{brand.supportEmail}</Link> or call {brand.supportPhone}.
            </Text>
            <Text style={s.muted}>{brand.shopName}</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

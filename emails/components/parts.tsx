import { Button, Link, Text } from "@react-email/components";
import { Fragment, type ReactNode } from "react";
import * as s from "./styles";

// Small pieces the templates share. Text a person typed keeps its line breaks; React escapes all of it.

export function Greeting({ firstName }: { firstName: string }) {
  return <Text style={s.paragraph}>Hi {firstName},</Text>;
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={s.paragraph}>{children}</Text>;
}

/** Typed text with its line breaks kept. */
export function Lines({ text }: { text: string }) {
  const lines = text.split(/\r?\n/);
  return (
    <>
      {lines.map((line, i) => (
        <Fragment key={i}>
          {i > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </>
  );
}

export function Label({ children }: { children: ReactNode }) {
  return <Text style={s.label}>{children}</Text>;
}

/** "Label: value" lines, one per fact, that read the same in HTML and in the plain-text part. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <>
      {rows.map(([name, value]) => (
        <Text key={name} style={{ ...s.paragraph, margin: "4px 0" }}>
          <strong>{name}:</strong> {value}
        </Text>
      ))}
    </>
  );
}

export function CallToAction({ href, color, children }: { href: string; color: string; children: ReactNode }) {
  return (
    <Text style={{ margin: "20px 0" }}>
      <Button href={href} style={s.button(s.safeColor(color))}>
        {children}
      </Button>
    </Text>
  );
}

/** A clause typed to follow "we need you to …", made to stand alone: capital first letter, full stop. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

export const isHref = (value: string | null | undefined): value is string => !!value && /^https?:\/\//.test(value);

/** A link when the value is one; otherwise the value itself (a marked gap the preview shows). */
export function LinkOrText({ value }: { value: string }) {
  return isHref(value) ? <Link href={value}>{value}</Link> : <>{value}</>;
}

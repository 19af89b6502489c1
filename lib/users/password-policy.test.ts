import { describe, expect, it } from "vitest";
import { generateTemporaryPassword, passwordProblem } from "./password-policy";

const owner = { email: "riley.rep@shop.example", name: "Riley Rep" };

describe("password rule", () => {
  it("accepts the demo password and ordinary long passphrases", () => {
    for (const account of ["rep", "fulfillment", "supervisor", "admin"]) {
      expect(passwordProblem("orderline-demo", { email: `${account}@orderline.test` })).toBeNull();
    }
    expect(passwordProblem("correct horse battery staple", owner)).toBeNull();
    expect(passwordProblem("Tulip-Window-42", owner)).toBeNull();
  });

  it("asks for at least 12 characters, and at most what bcrypt reads", () => {
    expect(passwordProblem("short-pass1", owner)).toBe("Use at least 12 characters.");
    expect(passwordProblem("x".repeat(80), owner)).toMatch(/at most 72/);
    // Characters, not bytes, count towards the minimum; bytes towards the maximum.
    expect(passwordProblem("ñandú-verde-9", owner)).toBeNull();
    expect(passwordProblem("é".repeat(37), owner)).toMatch(/at most 72/);
  });

  it("refuses passwords that are mostly one character or too few different ones", () => {
    expect(passwordProblem("aaaaaaaaaaaa", owner)).toMatch(/more different characters/);
    expect(passwordProblem("aaaaaaabcdef", owner)).toMatch(/more different characters/);
    expect(passwordProblem("abababababab", owner)).toMatch(/more different characters/);
  });

  it("refuses the common passwords and common words dressed up with digits and symbols", () => {
    for (const weak of ["password1234", "Password2024!", "qwertyuiop12", "123456789012", "Welcome!2026", "abcdefghijkl", "987654321098", "Orderline2026!"]) {
      expect(passwordProblem(weak, owner), weak).toMatch(/first that guessers try/);
    }
  });

  it("refuses the person's email name and name", () => {
    expect(passwordProblem("riley.rep-2026-x", owner)).toMatch(/your name/);
    expect(passwordProblem("my-name-is-Riley!", owner)).toMatch(/your name/);
    // Three-letter parts are too common to refuse on.
    expect(passwordProblem("repertoire-of-tunes", owner)).toBeNull();
  });

  it("refuses spaces at either end rather than trimming what was typed", () => {
    expect(passwordProblem(" tulip-window-42", owner)).toMatch(/spaces/);
  });

  it("generates temporary passwords that pass the rule and differ every time", () => {
    const generated = Array.from({ length: 50 }, () => generateTemporaryPassword(owner));
    for (const password of generated) {
      expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
      expect(password).not.toMatch(/[01lo]/);
      expect(passwordProblem(password, owner)).toBeNull();
    }
    expect(new Set(generated).size).toBe(50);
  });
});

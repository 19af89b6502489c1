import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { askHidden, PromptCancelled } from "./hidden-prompt";

function terminal() {
  const input = Object.assign(new PassThrough(), { isRaw: false, modes: [] as boolean[] });
  const fake = Object.assign(input, {
    setRawMode(mode: boolean) {
      input.isRaw = mode;
      input.modes.push(mode);
      return input;
    },
  });
  let shown = "";
  const output = { write: (text: string) => ((shown += text), true) };
  return { input: fake, output, shown: () => shown };
}

describe("hidden prompt", () => {
  it("reads a line in raw mode without echoing it, with backspace, and restores the terminal", async () => {
    const t = terminal();
    const answer = askHidden("Password: ", t.input, t.output);
    t.input.write("secreX");
    t.input.write("\u007ft-pass\u001b[A");
    t.input.write("word\r");
    expect(await answer).toBe("secret-password");
    expect(t.shown()).toBe("Password: \n");
    expect(t.input.modes).toEqual([true, false]);
  });

  it("cancels on Ctrl-C, and on Ctrl-D at the start of the line", async () => {
    const a = terminal();
    const first = askHidden("Password: ", a.input, a.output);
    a.input.write("abc\u0003");
    await expect(first).rejects.toBeInstanceOf(PromptCancelled);
    const b = terminal();
    const second = askHidden("Password: ", b.input, b.output);
    b.input.write("\u0004");
    await expect(second).rejects.toBeInstanceOf(PromptCancelled);
  });
});

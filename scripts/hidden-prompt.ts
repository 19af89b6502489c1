// Reads a line from a terminal without showing it (a password), the way `passwd` does: raw mode, nothing echoed,
// backspace works, Ctrl-C or Ctrl-D on an empty line cancels.

export class PromptCancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "PromptCancelled";
  }
}

/** The parts of a TTY stream this needs (process.stdin on a terminal). */
export type TerminalInput = {
  isRaw?: boolean;
  setRawMode(mode: boolean): unknown;
  setEncoding(encoding: BufferEncoding): unknown;
  resume(): unknown;
  pause(): unknown;
  on(event: "data", listener: (chunk: string | Buffer) => void): unknown;
  off(event: "data", listener: (chunk: string | Buffer) => void): unknown;
};

export function askHidden(question: string, input: TerminalInput, output: Pick<NodeJS.WriteStream, "write">): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(question);
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    input.setEncoding("utf8");
    input.resume();
    let value = "";
    const finish = (settle: () => void) => {
      input.off("data", onData);
      input.setRawMode(wasRaw ?? false);
      input.pause();
      output.write("\n");
      settle();
    };
    const onData = (chunk: string | Buffer) => {
      // Arrow and function keys arrive as escape sequences: never part of a password.
      const text = String(chunk).replace(/\u001b(\[[0-9;?]*[ -/]*[@-~]|O.|.)?/g, "");
      for (const ch of text) {
        if (ch === "\r" || ch === "\n") return finish(() => resolve(value));
        if (ch === "\u0003" || (ch === "\u0004" && value === "")) return finish(() => reject(new PromptCancelled()));
        if (ch === "\u007f" || ch === "\b") value = [...value].slice(0, -1).join("");
        else if (ch >= " ") value += ch;
      }
    };
    input.on("data", onData);
  });
}

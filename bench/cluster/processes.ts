import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import path from "node:path";

// Every process the cluster starts, each in its own process group (so `npm start` and what it runs die together),
// its output in its own log file. stopAll() ends them all; it runs on success, failure and Ctrl-C alike.

export type Child = {
  name: string;
  process: ChildProcess;
  logFile: string;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
};

export class Processes {
  private readonly children = new Set<Child>();

  constructor(private readonly logDir: string) {}

  /** Starts a command in its own process group; output (stdout and stderr) goes to <logDir>/<name>.log. */
  start(name: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv, options: { inheritOutput?: boolean } = {}): Child {
    const logFile = path.join(this.logDir, `${name}.log`);
    const fd = options.inheritOutput ? null : openSync(logFile, "a");
    const child = spawn(command, args, {
      env,
      detached: true,
      stdio: options.inheritOutput ? ["ignore", "inherit", "inherit"] : ["ignore", fd!, fd!],
    });
    if (fd !== null) closeSync(fd);
    const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
    const entry: Child = { name, process: child, logFile, exited };
    this.children.add(entry);
    void exited.then(() => this.children.delete(entry));
    return entry;
  }

  /** Signals the child's whole process group; waits for it to exit, with SIGKILL after graceMs. */
  async stop(child: Child, signal: NodeJS.Signals = "SIGTERM", graceMs = 10_000): Promise<void> {
    if (!this.children.has(child)) return;
    signalGroup(child, signal);
    const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
    await child.exited;
    clearTimeout(timer);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.children].map((c) => this.stop(c)));
  }

  /** Last resort when the process is exiting anyway (no awaiting possible): SIGKILL every group left. */
  killAllNow(): void {
    for (const child of this.children) signalGroup(child, "SIGKILL");
  }
}

function signalGroup(child: Child, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.process.pid!, signal);
  } catch {
    // Already gone.
  }
}

/** The last lines of a child's log, for a failure message. */
export function logTail(child: Child, lines = 30): string {
  if (!existsSync(child.logFile)) return "(no output)";
  return readFileSync(child.logFile, "utf8").trimEnd().split("\n").slice(-lines).map((l) => `    | ${l}`).join("\n");
}

/** Polls until check() is true; fails early if the child exits, and after timeoutMs. */
export async function waitUntil(what: string, check: () => Promise<boolean>, options: { timeoutMs: number; child?: Child; pollMs?: number }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let exited: number | string | null = null;
  void options.child?.exited.then((code) => (exited = code));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`${options.child!.name} exited (${exited}) while waiting for ${what}:\n${logTail(options.child!)}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
  }
  throw new Error(`timed out after ${options.timeoutMs / 1000} s waiting for ${what}${options.child ? `:\n${logTail(options.child)}` : ""}`);
}

/** Runs a child to its end; resolves with its exit code. */
export async function runToEnd(processes: Processes, name: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv, options: { inheritOutput?: boolean } = {}): Promise<{ code: number | string; child: Child }> {
  const child = processes.start(name, command, args, env, options);
  return { code: await child.exited, child };
}

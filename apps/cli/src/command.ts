/** Where a command writes; injected so tests capture output without spawning a process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface Command {
  name: string;
  /** One line for `memegraph --help`. */
  summary: string;
  /** Full usage text for `memegraph <name> --help` and usage errors. */
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

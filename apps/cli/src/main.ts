import { isAppError } from '@memegraph/contracts';
import { type CliIO, type Command } from './command';
import { commands } from './commands';
import { ExitCode, UsageError, exitCodeFor } from './exit-codes';

const VERSION = '0.1.0';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'memegraph — diagnose Go services from profiles, goroutine dumps, alerts and screenshots.',
    'Works offline: every command runs on local files with no services.',
    '',
    'Usage: memegraph <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `memegraph <command> --help` for a command\'s options.',
    'Exit codes: 0 ok, 2 usage, 3 unsupported or corrupt input, 4 limit exceeded.',
  ].join('\n');
}

const processIO: CliIO = {
  stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? ExitCode.ok : ExitCode.usage;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(VERSION);
    return ExitCode.ok;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`memegraph: unknown command "${name}"\n\n${help()}`);
    return ExitCode.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage);
    return ExitCode.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`memegraph ${name}: ${err.message}\n\n${command.usage}`);
      return ExitCode.usage;
    }
    if (isAppError(err)) {
      io.stderr(`memegraph ${name}: ${err.code}: ${err.message}`);
      return exitCodeFor(err);
    }
    throw err;
  }
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { main } from '../src/main';

/** Runs the CLI in-process and captures what it prints. */
export async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
    stderr: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
  });
  return { code, stdout, stderr };
}

/** A fresh temporary directory with the given files. */
export function tempDir(files: Record<string, Uint8Array | string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'memegraph-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Files every profile-reading command must refuse (`missing.pb.gz` is deliberately absent). */
export const badProfileFiles = (): Record<string, Uint8Array> => ({
  'empty.pb.gz': new Uint8Array(0),
  'image.png': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
  'random.bin': Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 251),
  // 600 gzip members of 1 MiB of zeros: 600 MiB inflated, over the default 512 MiB cap, built cheaply.
  'bomb.pb.gz': Buffer.concat(new Array<Buffer>(600).fill(gzipSync(Buffer.alloc(1024 * 1024)))),
});

/** Each bad file with the exit code and error code the CLI contract gives it. */
export const BAD_PROFILE_CASES: [file: string, exit: number, code: string][] = [
  ['empty.pb.gz', 3, 'EMPTY_FILE'],
  ['image.png', 3, 'UNSUPPORTED_FORMAT'],
  ['random.bin', 3, 'CORRUPT_PROFILE'],
  ['missing.pb.gz', 3, 'NOT_FOUND'],
  ['bomb.pb.gz', 4, 'LIMIT_EXCEEDED'],
];

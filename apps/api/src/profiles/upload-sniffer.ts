import { AppError } from '@memegraph/contracts';

/**
 * Refuses at upload what is clearly not a pprof profile, so the client gets a 4xx at once.
 * Anything that passes is decoded for real by the worker, which reports failures as status.
 */
export function assertLooksLikeProfile(bytes: Uint8Array, filename: string): void {
  if (bytes.byteLength === 0) throw new AppError('EMPTY_FILE', `${filename} is empty`);
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0x1f && b1 === 0x8b) return; // gzip: Go's pprof endpoints always serve this
  if (b0 === 0x0a) return; // raw protobuf starting with field 1 (sample_type), as Go writes it
  if (looksLikeGoroutineDump(bytes)) return; // /debug/pprof/goroutine?debug=1|2, panic or SIGQUIT traces
  throw new AppError('UNSUPPORTED_FORMAT', `${filename} is not a pprof profile or goroutine dump (${describe(bytes)}); upload the .pb.gz served by /debug/pprof/* or a goroutine?debug=2 dump`, {
    detected: describe(bytes),
  });
}

const DUMP_START = /^(goroutine profile: total \d+|goroutine \d+ (gp=\S+ m=\S+ mp=\S+ )?\[|panic: |fatal error: |SIGQUIT: quit|runtime: )/m;

function looksLikeGoroutineDump(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
  return DUMP_START.test(head) && /\ngoroutine \d+|^goroutine profile:|^\d+ @ 0x/m.test(head);
}

function describe(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 16));
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'a PNG image';
  if (head[0] === 0xff && head[1] === 0xd8) return 'a JPEG image';
  if (head.subarray(0, 4).toString('latin1') === '%PDF') return 'a PDF';
  if (head.subarray(0, 2).toString('latin1') === 'PK') return 'a zip archive';
  const text = head.toString('utf8');
  if (/^goroutine \d+ \[/.test(text) || /^goroutine profile:/.test(text)) return 'a goroutine text dump';
  if (/^\s*[[{]/.test(text)) return 'JSON';
  if ([...text].every((c) => c === '\t' || c === '\n' || c === '\r' || (c >= ' ' && c <= '~'))) return 'plain text';
  return 'unrecognised binary data';
}

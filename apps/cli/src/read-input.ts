import { AppError } from '@memegraph/contracts';

/** Reads a file, turning "not found" into a typed error instead of a stack trace. */
export async function readInput(path: string, read: (p: string) => Promise<Buffer>): Promise<Buffer> {
  try {
    return await read(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('NOT_FOUND', `no such file: ${path}`);
    if (code === 'EISDIR') throw new AppError('BAD_REQUEST', `${path} is a directory`);
    throw err;
  }
}

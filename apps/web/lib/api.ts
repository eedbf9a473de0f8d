import type { ErrorBody, ProfileAccepted, ProfileList } from '@memegraph/contracts';

/** Browser-side API calls, through the web app's same-origin proxy. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function parse<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => undefined)) as unknown;
  if (!res.ok) {
    const err = (body as ErrorBody | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'HTTP_ERROR', err?.message ?? `HTTP ${res.status}`);
  }
  return body as T;
}

export const listProfiles = async (): Promise<ProfileList> => parse(await fetch('/api/v1/profiles?limit=100', { cache: 'no-store' }));

export async function uploadProfile(file: File): Promise<ProfileAccepted> {
  const form = new FormData();
  form.append('file', file, file.name);
  return parse(await fetch('/api/v1/profiles', { method: 'POST', body: form }));
}

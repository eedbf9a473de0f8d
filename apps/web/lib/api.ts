import { type ErrorBody, type ProfileAccepted, type ProfileList, type ProfileRecord } from '@memegraph/contracts';
import { type Finding } from './findings';
import { type DiffJSON, type FlameJSON, type GoroutineReport, type MemeList, type SandwichJSON, type TopTable } from './types';

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

const get = async <T>(path: string, signal?: AbortSignal): Promise<T> => parse<T>(await fetch(`/api/v1${path}`, { cache: 'no-store', signal }));

const query = (params: Record<string, string | number | boolean | undefined>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

const enc = encodeURIComponent;

export const listProfiles = async (): Promise<ProfileList> => get('/profiles?limit=100');

/** A profile record; `findings` comes with it once the diagnosis engine has run. */
export type ProfileWithFindings = ProfileRecord & { findings?: Finding[] };
export const getProfile = (id: string, signal?: AbortSignal) => get<ProfileWithFindings>(`/profiles/${enc(id)}`, signal);

export interface ViewParams {
  sampleIndex?: string;
  minFraction?: number;
  inverted?: boolean;
}

export const getFlame = (id: string, p: ViewParams, signal?: AbortSignal) =>
  get<FlameJSON>(`/profiles/${enc(id)}/flamegraph${query({ sampleIndex: p.sampleIndex, minFraction: p.minFraction, inverted: p.inverted })}`, signal);

export const getTop = (id: string, sampleIndex: string | undefined, nodecount: number, signal?: AbortSignal) =>
  get<TopTable>(`/profiles/${enc(id)}/top${query({ sampleIndex, nodecount })}`, signal);

export const getSandwich = (id: string, fn: string, sampleIndex: string | undefined, signal?: AbortSignal) =>
  get<SandwichJSON>(`/profiles/${enc(id)}/sandwich${query({ fn, sampleIndex })}`, signal);

export const getGoroutines = (id: string, signal?: AbortSignal) => get<GoroutineReport>(`/profiles/${enc(id)}/goroutines`, signal);

export const getDiff = (base: string, next: string, sampleIndex: string | undefined, signal?: AbortSignal) =>
  get<DiffJSON>(`/profiles/diff${query({ base, new: next, sampleIndex })}`, signal);

let memes: Promise<MemeList> | undefined;
/** The meme catalog, fetched once per page load. */
export function getMemes(): Promise<MemeList> {
  memes ??= get<MemeList>('/catalog/memes').catch((err: unknown) => {
    memes = undefined;
    throw err;
  });
  return memes;
}

/** Links for downloads and exports (same-origin, through the proxy). */
export const profileUrl = (id: string, view: 'flamegraph.svg' | 'folded' | 'speedscope' | 'original', sampleIndex?: string) =>
  `/api/v1/profiles/${enc(id)}/${view}${view === 'original' ? '' : query({ sampleIndex })}`;

export const memeBadgeUrl = (memeId: string) => `/api/v1/catalog/memes/${enc(memeId)}/badge.svg`;

export async function uploadProfile(file: File): Promise<ProfileAccepted> {
  const form = new FormData();
  form.append('file', file, file.name);
  return parse(await fetch('/api/v1/profiles', { method: 'POST', body: form }));
}

export interface UploadHandle {
  done: Promise<ProfileAccepted>;
  abort: () => void;
}

/** Upload with progress events (fetch has no upload progress): onProgress gets 0..1. */
export function uploadWithProgress(file: File, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<ProfileAccepted>((resolve, reject) => {
    xhr.open('POST', '/api/v1/profiles');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ProfileAccepted);
      else {
        const err = (body as ErrorBody | undefined)?.error;
        reject(new ApiError(xhr.status, err?.code ?? 'HTTP_ERROR', err?.message ?? `HTTP ${xhr.status}`));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'the upload did not reach the server'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'upload cancelled'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

export const errorText = (err: unknown): string => (err instanceof ApiError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err));

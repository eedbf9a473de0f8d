import {
  type AlertRecord,
  type ErrorBody,
  type MemeSubmission,
  type ProfileAccepted,
  type ProfileList,
  type ProfileRecord,
  type RunbookDraft,
} from '@memegraph/contracts';
import { type Finding } from './findings';
import {
  type AlertDiagnosis,
  type DiagnoseResult,
  type DiffJSON,
  type FlameJSON,
  type GoroutineReport,
  type GraphNode,
  type MemeList,
  type RootCausePage,
  type RootCauseSummary,
  type SandwichJSON,
  type SearchHit,
  type Subgraph,
  type TopTable,
} from './types';

/** Browser-side API calls, through the web app's same-origin proxy. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error body's `details` (e.g. `missing` of RUNBOOK_INCOMPLETE, `field` of VALIDATION_FAILED). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

async function parse<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => undefined)) as unknown;
  if (!res.ok) {
    const err = (body as ErrorBody | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? 'HTTP_ERROR', err?.message ?? `HTTP ${res.status}`, err?.details);
  }
  return body as T;
}

const send = async <T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> =>
  parse<T>(await fetch(`/api/v1${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store' }));

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

/* ---- Alerts and diagnoses ---- */

export interface AlertFilters {
  status?: string;
  service?: string;
  classId?: string;
  since?: string;
  until?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export const listAlerts = (f: AlertFilters, cursor?: string, signal?: AbortSignal) =>
  get<Page<AlertRecord>>(`/alerts${query({ ...f, limit: 100, cursor })}`, signal);

export type AlertWithDiagnosis = AlertRecord & { diagnosis: AlertDiagnosis | null };
export const getAlert = (id: string, signal?: AbortSignal) => get<AlertWithDiagnosis>(`/alerts/${enc(id)}`, signal);

/** A job that failed every attempt: an undelivered alert ingest or a failed enrichment. */
export interface DeadLetter {
  queue: 'alert-ingest' | 'alerts';
  id: string;
  failedReason: string;
  attemptsMade: number;
  finishedOn?: number;
  data: { alertId?: string; alerts?: { id: string; name: string; service?: string }[] };
}
export const listDeadLetters = (signal?: AbortSignal) => get<{ items: DeadLetter[] }>('/alerts/dead-letters', signal);
export const retryDeadLetter = (queue: string, id: string) => send<{ state: string }>('POST', `/alerts/dead-letters/${enc(queue)}/${enc(id)}/retry`, {});

/** The SSE stream of alert events (same origin, through the proxy). */
export const ALERT_STREAM_URL = '/api/v1/alerts/stream';

export const sendFeedback = (diagnosisId: string, classId: string, correct: boolean) =>
  send<{ recorded: boolean }>('POST', `/diagnoses/${enc(diagnosisId)}/feedback`, { classId, correct });

export const diagnoseText = (text: string) => send<DiagnoseResult>('POST', '/diagnose', { text });

/* ---- Memes ---- */

export async function submitMeme(image: Blob, fields: { caption?: string; tags?: string; service?: string }, filename = 'screenshot.png'): Promise<MemeSubmission> {
  const form = new FormData();
  form.append('image', image, filename);
  for (const [k, v] of Object.entries(fields)) if (v?.trim()) form.append(k, v.trim());
  return parse(await fetch('/api/v1/memes', { method: 'POST', body: form }));
}

export const listMemeSubmissions = (status?: MemeSubmission['status'], limit = 24, cursor?: string, signal?: AbortSignal) =>
  get<Page<MemeSubmission>>(`/memes${query({ status, limit, cursor })}`, signal);
export const getMemeSubmission = (id: string, signal?: AbortSignal) => get<MemeSubmission>(`/memes/${enc(id)}`, signal);
export const memeImageUrl = (id: string) => `/api/v1/memes/${enc(id)}/image`;
export const saveRunbook = (id: string, draft: RunbookDraft) => send<MemeSubmission>('PUT', `/memes/${enc(id)}/runbook`, draft);
export const publishMeme = (id: string) => send<MemeSubmission>('POST', `/memes/${enc(id)}/publish`, {});

/* ---- Graph ---- */

export const graphSearch = (q: string, limit = 12, signal?: AbortSignal) => get<{ items: SearchHit[] }>(`/graph/search${query({ q, limit })}`, signal);
export const graphNode = (id: string, signal?: AbortSignal) => get<GraphNode>(`/graph/nodes/${enc(id)}`, signal);

export interface NeighborParams {
  depth?: number;
  limit?: number;
  classId?: string;
  service?: string;
  since?: string;
  until?: string;
}
export const graphNeighbors = (id: string, p: NeighborParams, signal?: AbortSignal) =>
  get<Subgraph>(`/graph/nodes/${enc(id)}/neighbors${query({ depth: p.depth ?? 1, limit: p.limit, classId: p.classId, service: p.service, since: p.since, until: p.until })}`, signal);

/* ---- Root causes ---- */

let rootCauses: Promise<RootCauseSummary[]> | undefined;
/** Every root-cause class (titles, counts), fetched once per page load; `fresh` refetches (for current counts). */
export function getRootCauses(fresh = false): Promise<RootCauseSummary[]> {
  if (fresh) rootCauses = undefined;
  rootCauses ??= get<Page<RootCauseSummary>>('/root-causes?limit=500')
    .then((p) => p.items)
    .catch((err: unknown) => {
      rootCauses = undefined;
      throw err;
    });
  return rootCauses;
}

export const getRootCause = (classId: string, cursor?: string, signal?: AbortSignal) =>
  get<RootCausePage>(`/root-causes/${enc(classId)}${query({ cursor })}`, signal);

export const errorText = (err: unknown): string => (err instanceof ApiError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err));

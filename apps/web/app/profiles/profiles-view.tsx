'use client';

import type { ProfileRecord } from '@memegraph/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, listProfiles, uploadProfile } from '../../lib/api';
import { formatBytes, formatValue, timeAgo } from '../../lib/format';

const POLL_MS = 1500;

export function ProfilesView() {
  const [items, setItems] = useState<ProfileRecord[]>([]);
  const [loadError, setLoadError] = useState<string>();
  const [uploadMessage, setUploadMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    try {
      setItems((await listProfiles()).items);
      setLoadError(undefined);
    } catch (err) {
      setLoadError(err instanceof Error ? err.message : String(err));
    }
  }, []);

  // Poll while anything is still queued or processing (and slowly otherwise).
  const pending = items.some((p) => p.status === 'queued' || p.status === 'processing');
  useEffect(() => {
    void refresh();
    const id = setInterval(() => void refresh(), pending ? POLL_MS : POLL_MS * 4);
    return () => clearInterval(id);
  }, [refresh, pending]);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setUploadMessage({ kind: 'error', text: 'Choose a .pb.gz file first.' });
      return;
    }
    setBusy(true);
    try {
      const accepted = await uploadProfile(file);
      setUploadMessage({ kind: 'ok', text: `Uploaded ${file.name}: ${accepted.status}.` });
      if (fileInput.current) fileInput.current.value = '';
      await refresh();
    } catch (err) {
      const text = err instanceof ApiError ? `${err.code}: ${err.message}` : String(err);
      setUploadMessage({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form className="card upload" onSubmit={onSubmit} aria-label="Upload a profile">
        <label htmlFor="profile-file">Profile file</label>
        <input id="profile-file" name="file" type="file" ref={fileInput} accept=".pb.gz,.pb,.pprof,application/octet-stream,application/gzip" />
        <button type="submit" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload'}
        </button>
        {uploadMessage && (
          <p role="status" className={uploadMessage.kind === 'ok' ? 'ok' : 'error'}>
            {uploadMessage.text}
          </p>
        )}
      </form>

      {loadError && (
        <p role="alert" className="error">
          Cannot load profiles: {loadError}
        </p>
      )}

      <table className="profiles" aria-label="Profiles">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Status</th>
            <th scope="col">Kind</th>
            <th scope="col">Samples</th>
            <th scope="col">Totals</th>
            <th scope="col">Uploaded</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={6} className="hint">
                No profiles yet.
              </td>
            </tr>
          )}
          {items.map((p) => (
            <tr key={p.id} data-profile-id={p.id} data-status={p.status}>
              <td>
                <span className="filename">{p.filename}</span>
                <span className="hint"> {formatBytes(p.size)}</span>
              </td>
              <td>
                <span className={`badge status-${p.status}`}>{p.status}</span>
                {p.error && (
                  <div className="error small">
                    {p.error.code}: {p.error.message}
                  </div>
                )}
              </td>
              <td>{p.summary?.kind ?? '—'}</td>
              <td>{p.summary ? p.summary.sampleCount.toLocaleString('en-US') : '—'}</td>
              <td className="totals">
                {p.summary?.totals.map((t) => (
                  <div key={t.type}>
                    {t.type}: <strong>{formatValue(t.total, t.unit)}</strong>
                  </div>
                ))}
              </td>
              <td title={p.createdAt}>{timeAgo(p.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

'use client';

import Link from 'next/link';
import { useRef, useState } from 'react';
import { errorText, uploadWithProgress } from '../../lib/api';
import { formatBytes } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useFileDrop } from '../../lib/use-file-drop';

type ItemState = 'ready' | 'uploading' | 'done' | 'error';

interface Item {
  key: number;
  file: File;
  state: ItemState;
  progress: number;
  message?: string;
  id?: string;
  abort?: () => void;
}

const PARALLEL = 3;
const ACCEPT = '.pb.gz,.pb,.pprof,.prof,.txt,.gz,application/octet-stream,application/gzip,text/plain';

/**
 * Upload several profiles at once: pick or drop files, each with its own progress bar
 * (XMLHttpRequest upload progress), three at a time. One status line per finished file.
 */
export function UploadPanel({ onUploaded }: { onUploaded: () => void }) {
  const { t } = useLang();
  const [items, setItems] = useState<Item[]>([]);
  const [hint, setHint] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const seq = useRef(0);

  const update = (key: number, patch: Partial<Item>) => setItems((list) => list.map((it) => (it.key === key ? { ...it, ...patch } : it)));

  async function run(batch: Item[]) {
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const it = batch[next++]!;
        const handle = uploadWithProgress(it.file, (f) => update(it.key, { progress: f }));
        update(it.key, { state: 'uploading', progress: 0, abort: handle.abort });
        try {
          const accepted = await handle.done;
          update(it.key, { state: 'done', progress: 1, id: accepted.id, message: t('upload.uploaded', { name: it.file.name, status: accepted.status }), abort: undefined });
          onUploaded();
        } catch (err) {
          update(it.key, { state: 'error', message: `${it.file.name}: ${errorText(err)}`, abort: undefined });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, batch.length) }, worker));
  }

  function queue(files: File[]): Item[] {
    const batch = files.map((file) => ({ key: ++seq.current, file, state: 'ready' as const, progress: 0 }));
    // A new batch replaces finished rows; rows still uploading stay.
    setItems((list) => [...list.filter((it) => it.state === 'uploading'), ...batch]);
    return batch;
  }

  function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const files = Array.from(fileInput.current?.files ?? []);
    if (files.length === 0) {
      setHint(t('upload.chooseFirst'));
      return;
    }
    setHint(undefined);
    const batch = queue(files);
    if (fileInput.current) fileInput.current.value = '';
    void run(batch);
  }

  const { dragging, handlers } = useFileDrop((files) => {
    setHint(undefined);
    void run(queue(files));
  });

  const busy = items.some((it) => it.state === 'uploading');
  const finished = items.filter((it) => it.state === 'done' || it.state === 'error');
  const errors = finished.filter((it) => it.state === 'error').length;

  return (
    <form
      className={`card upload${dragging ? ' dragging' : ''}`}
      onSubmit={onSubmit}
      aria-label={t('upload.form')}
      {...handlers}
    >
      <div className="drop">
        <span className="drop-icon" aria-hidden>
          ⇪
        </span>
        <div>
          <strong>{t('upload.drop')}</strong>
          <div className="hint small">
            {t('upload.dropHint')}
          </div>
        </div>
      </div>
      <div className="upload-row">
        <label htmlFor="profile-file">{t('upload.file')}</label>
        <input id="profile-file" name="file" type="file" ref={fileInput} multiple accept={ACCEPT} />
        <button type="submit">{busy ? t('upload.more') : t('upload.upload')}</button>
        <Link href="/profiles/diff" className="compare">
          {t('upload.compare')} →
        </Link>
      </div>
      {hint && <p className="error small">{hint}</p>}

      {items.length > 0 && (
        <ul className="uploads" aria-label={t('upload.list')}>
          {items.map((it) => (
            <li key={it.key} className={`up up-${it.state}`}>
              <span className="up-name" title={it.file.name}>
                {it.id ? <Link href={`/profiles/${encodeURIComponent(it.id)}`}>{it.file.name}</Link> : it.file.name}
              </span>
              <span className="hint small">{formatBytes(it.file.size)}</span>
              <progress max={1} value={it.state === 'ready' ? 0 : it.progress} aria-label={t('upload.progress', { name: it.file.name })} />
              <span className="up-state small">
                {it.state === 'uploading' ? `${Math.round(it.progress * 100)}%` : it.state === 'ready' ? t('upload.waiting') : it.state === 'done' ? t('upload.sent') : t('upload.rejected')}
              </span>
              {it.abort && (
                <button type="button" className="ghost small" onClick={it.abort} aria-label={t('upload.cancel', { name: it.file.name })}>
                  {t('common.cancel')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      {finished.length > 0 && (
        <div role="status" className={errors ? 'error' : 'ok'}>
          {finished.map((it) => (
            <p key={it.key} className={it.state === 'error' ? 'error' : 'ok'}>
              {it.message}
            </p>
          ))}
        </div>
      )}
    </form>
  );
}

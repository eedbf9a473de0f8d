'use client';

import { type MemeSubmission } from '@memegraph/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { errorText, submitMeme } from '../../lib/api';
import { formatBytes } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useFileDrop } from '../../lib/use-file-drop';

const ACCEPT = 'image/png,image/jpeg,image/webp,image/gif';

const isTextField = (el: EventTarget | null) => {
  const t = el as HTMLElement | null;
  return !!t && (t.tagName === 'TEXTAREA' || (t.tagName === 'INPUT' && (t as HTMLInputElement).type !== 'file') || t.isContentEditable);
};

/** A screenshot in: drop it, pick it, or paste it (Ctrl/⌘+V anywhere on the page); caption, tags and service are optional. */
export function SubmitPanel({ onSubmitted }: { onSubmitted: (s: MemeSubmission) => void }) {
  const { t } = useLang();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string>();
  const [caption, setCaption] = useState('');
  const [tags, setTags] = useState('');
  const [service, setService] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [hint, setHint] = useState<string>();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!file) {
      setPreview(undefined);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const take = (f: File | undefined | null, how: string) => {
    if (!f) return;
    if (!f.type.startsWith('image/')) {
      setError(t('memes.notImage', { name: f.name || '?' }));
      return;
    }
    setError(undefined);
    setFile(f);
    setHint(how);
  };

  const { dragging, handlers } = useFileDrop((files) => take(files[0], t('memes.dropped')));

  // Paste from the clipboard anywhere on the page (text pasted into a text field stays text).
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const item = [...(e.clipboardData?.items ?? [])].find((i) => i.kind === 'file' && i.type.startsWith('image/'));
      if (!item) return;
      if (isTextField(e.target) && e.clipboardData?.types.includes('text/plain')) return;
      const blob = item.getAsFile();
      if (!blob) return;
      e.preventDefault();
      const ext = blob.type.split('/')[1] ?? 'png';
      take(new File([blob], blob.name && blob.name !== 'image.png' ? blob.name : `pasted-screenshot.${ext}`, { type: blob.type }), t('memes.pasted'));
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  });

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!file) {
      setError(t('memes.chooseFirst'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const s = await submitMeme(file, { caption, tags, service }, file.name || 'screenshot.png');
      onSubmitted(s);
      setFile(null);
      setCaption('');
      setTags('');
      setHint(undefined);
      if (input.current) input.current.value = '';
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className={`card upload meme-upload${dragging ? ' dragging' : ''}`}
      aria-label={t('memes.submitForm')}
      onSubmit={(e) => void submit(e)}
      {...handlers}
    >
      <div className="meme-upload-grid">
        <div className="drop-zone">
          {preview ? (
            <img src={preview} alt={t('memes.preview')} className="meme-preview" />
          ) : (
            <div className="drop">
              <span className="drop-icon" aria-hidden>
                ⇪
              </span>
              <div>
                <strong>{t('memes.dropHere')}</strong>
                <div className="hint small">{t('memes.dropHint')}</div>
              </div>
            </div>
          )}
          <div className="upload-row">
            <label htmlFor={`${id}-file`}>{t('memes.screenshot')}</label>
            <input id={`${id}-file`} ref={input} type="file" accept={ACCEPT} onChange={(e) => take(e.target.files?.[0], t('memes.picked'))} />
          </div>
          {file && (
            <p className="hint small" role="status">
              {hint ? `${hint}: ` : ''}
              {file.name} · {formatBytes(file.size)}
            </p>
          )}
        </div>
        <div className="meme-fields">
          <label htmlFor={`${id}-caption`}>{t('memes.caption')}</label>
          <input id={`${id}-caption`} type="text" value={caption} maxLength={500} onChange={(e) => setCaption(e.target.value)} placeholder={t('memes.captionPlaceholder')} />
          <label htmlFor={`${id}-tags`}>{t('memes.tags')}</label>
          <input id={`${id}-tags`} type="text" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="oom, k8s" aria-describedby={`${id}-tags-hint`} />
          <span id={`${id}-tags-hint`} className="hint small">
            {t('memes.tagsHint')}
          </span>
          <label htmlFor={`${id}-service`}>{t('memes.service')}</label>
          <input id={`${id}-service`} type="text" value={service} onChange={(e) => setService(e.target.value)} placeholder="orders" />
          <div className="toolbar">
            <button type="submit" disabled={busy}>
              {busy ? t('memes.submitting') : t('memes.submit')}
            </button>
            {file && (
              <button type="button" className="ghost" onClick={() => setFile(null)}>
                {t('common.clear')}
              </button>
            )}
          </div>
          {error && (
            <p role="alert" className="error small">
              {error}
            </p>
          )}
        </div>
      </div>
    </form>
  );
}

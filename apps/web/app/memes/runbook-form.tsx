'use client';

import { type MemeSubmission, type RunbookDraft } from '@memegraph/contracts';
import { useId, useState } from 'react';
import { ApiError, errorText, getRootCause, publishMeme, saveRunbook } from '../../lib/api';
import { useCatalog } from '../../lib/catalog';
import { formatConfidence } from '../../lib/format';
import { useLang } from '../../lib/i18n';

/** The form as typed: strings everywhere, empty rows allowed. */
interface FormState {
  classId: string;
  title: string;
  summary: string;
  reproduction: { command: string; note: string }[];
  verification: { name: string; promql: string }[];
  rollback: string[];
  revisions: string;
  fixDescription: string;
  commit: string;
  commitMessage: string;
}

/** The API wants exactly this many verification queries at publish. */
const QUERIES = 3;

function initialState(s: MemeSubmission): FormState {
  const r = s.runbook;
  const verification = (r?.verification ?? []).map((v) => ({ name: v.name ?? '', promql: v.promql }));
  while (verification.length < QUERIES) verification.push({ name: '', promql: '' });
  return {
    classId: r?.classId ?? s.suggestions[0]?.classId ?? '',
    title: r?.title ?? s.caption ?? '',
    summary: r?.summary ?? '',
    reproduction: r?.reproduction.length ? r.reproduction.map((x) => ({ command: x.command, note: x.note ?? '' })) : [{ command: '', note: '' }],
    verification,
    rollback: r?.rollback.steps.length ? [...r.rollback.steps] : [''],
    revisions: r?.rollback.revisionsAvailable !== undefined ? String(r.rollback.revisionsAvailable) : '',
    fixDescription: r?.fix?.description ?? '',
    commit: r?.fix?.commit ?? '',
    commitMessage: r?.fix?.commitMessage ?? '',
  };
}

/**
 * The draft the API gets: empty rows dropped. `index` maps each list's payload positions back to
 * the form rows, so errors that name `verification.1.promql` land on the right row.
 */
function toDraft(f: FormState): { draft: RunbookDraft; index: Record<string, number[]> } {
  const keep = <T,>(rows: T[], filled: (r: T) => boolean) => rows.map((r, i) => [r, i] as const).filter(([r]) => filled(r));
  const repro = keep(f.reproduction, (r) => !!r.command.trim());
  const ver = keep(f.verification, (v) => !!v.promql.trim());
  const steps = keep(f.rollback, (s) => !!s.trim());
  const revisions = f.revisions.trim() === '' ? undefined : Number(f.revisions);
  const fix = {
    ...(f.fixDescription.trim() ? { description: f.fixDescription.trim() } : {}),
    ...(f.commit.trim() ? { commit: f.commit.trim() } : {}),
    ...(f.commitMessage.trim() ? { commitMessage: f.commitMessage.trim() } : {}),
  };
  return {
    draft: {
      classId: f.classId,
      title: f.title.trim(),
      ...(f.summary.trim() ? { summary: f.summary.trim() } : {}),
      reproduction: repro.map(([r]) => ({ command: r.command.trim(), ...(r.note.trim() ? { note: r.note.trim() } : {}) })),
      verification: ver.map(([v]) => ({ promql: v.promql.trim(), ...(v.name.trim() ? { name: v.name.trim() } : {}) })),
      rollback: { steps: steps.map(([s]) => s.trim()), ...(revisions !== undefined && Number.isFinite(revisions) ? { revisionsAvailable: revisions } : {}) },
      ...(Object.keys(fix).length ? { fix } : {}),
    },
    index: { reproduction: repro.map(([, i]) => i), verification: ver.map(([, i]) => i), 'rollback.steps': steps.map(([, i]) => i) },
  };
}

/** Error messages by field path (`title`, `verification.1.promql`, `rollback.revisionsAvailable`, …). */
type FieldErrors = Record<string, string[]>;

/** Rewrites a payload path (`verification.1.promql`) to the form row it came from. */
function remap(path: string, index: Record<string, number[]>): string {
  for (const [list, rows] of Object.entries(index)) {
    const m = new RegExp(`^${list.replace('.', '\\.')}\\.(\\d+)(.*)$`).exec(path);
    if (m) return `${list}.${rows[Number(m[1])] ?? m[1]}${m[2]}`;
  }
  return path;
}

/** `verification.1.promql: not valid PromQL` → [path, message]; a message without a path belongs to the form. */
function splitMessage(s: string): [string, string] {
  const m = /^([A-Za-z][\w]*(?:\.[\w]+)*):\s*(.*)$/s.exec(s);
  return m ? [m[1]!, m[2]!] : ['form', s];
}

function errorsFrom(err: unknown, index: Record<string, number[]>): FieldErrors {
  const out: FieldErrors = {};
  const add = (path: string, msg: string) => (out[remap(path, index)] ??= []).push(msg);
  if (err instanceof ApiError && err.code === 'RUNBOOK_INCOMPLETE' && Array.isArray(err.details?.missing)) {
    for (const item of err.details.missing as unknown[]) {
      const [path, msg] = splitMessage(String(item));
      add(path, msg);
    }
  } else if (err instanceof ApiError && err.code === 'VALIDATION_FAILED' && Array.isArray(err.details?.issues)) {
    for (const issue of err.details.issues as { path?: unknown[]; message?: string }[]) add((issue.path ?? []).join('.') || 'form', issue.message ?? err.message);
  } else if (err instanceof ApiError && err.code === 'VALIDATION_FAILED' && typeof err.details?.field === 'string') {
    add(err.details.field, splitMessage(err.message)[1]);
  } else {
    out.form = [errorText(err)];
  }
  return out;
}

/** Where each error path is shown; anything else goes to the summary only. */
const FIELD_IDS = (id: string) => (path: string) => `${id}-${path.replace(/\./g, '-')}`;

export function RunbookForm({ submission, onChange }: { submission: MemeSubmission; onChange: (s: MemeSubmission) => void }) {
  const { t, lang } = useLang();
  const catalog = useCatalog();
  const id = useId();
  const fid = FIELD_IDS(id);
  const [f, setF] = useState<FormState>(() => initialState(submission));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<'save' | 'publish' | 'kb' | undefined>();
  const [saved, setSaved] = useState<string>();

  const set = (patch: Partial<FormState>) => {
    setF((x) => ({ ...x, ...patch }));
    setSaved(undefined);
  };
  const errs = (path: string) => errors[path] ?? [];
  const has = (path: string) => errs(path).length > 0;
  const described = (path: string, hintId?: string) => [has(path) ? `${fid(path)}-err` : '', hintId ?? ''].filter(Boolean).join(' ') || undefined;

  async function save(): Promise<{ ok: boolean; index: Record<string, number[]> }> {
    const { draft, index } = toDraft(f);
    try {
      const s = await saveRunbook(submission.id, draft);
      onChange(s);
      return { ok: true, index };
    } catch (err) {
      setErrors(errorsFrom(err, index));
      return { ok: false, index };
    }
  }

  async function onSave() {
    setBusy('save');
    setSaved(undefined);
    const r = await save();
    if (r.ok) {
      setErrors({});
      setSaved(t('runbookForm.saved'));
    }
    setBusy(undefined);
  }

  async function onPublish() {
    setBusy('publish');
    setSaved(undefined);
    const r = await save();
    if (r.ok) {
      try {
        const s = await publishMeme(submission.id);
        setErrors({});
        onChange(s);
      } catch (err) {
        setErrors(errorsFrom(err, r.index));
      }
    }
    setBusy(undefined);
  }

  /** Verification queries and rollback steps from the knowledge base for the chosen class. */
  async function fillFromKnowledge() {
    if (!f.classId) return;
    setBusy('kb');
    try {
      const page = await getRootCause(f.classId);
      const k = page.knowledge;
      if (k) {
        setF((x) => ({
          ...x,
          title: x.title || (lang === 'zh' ? k.title.zh : k.title.en),
          summary: x.summary || (lang === 'zh' ? k.summary.zh : k.summary.en),
          verification: k.verification.slice(0, QUERIES).map((v) => ({ name: v.name, promql: v.promql })),
          rollback: [...k.rollback, ...x.rollback.filter((s) => s.trim() && !k.rollback.includes(s))],
        }));
      }
    } catch (err) {
      setErrors({ form: [errorText(err)] });
    } finally {
      setBusy(undefined);
    }
  }

  const all = Object.entries(errors).flatMap(([path, msgs]) => msgs.map((m) => ({ path, m })));
  const fieldError = (path: string) =>
    has(path) ? (
      <ul className="field-error" id={`${fid(path)}-err`} data-field={path}>
        {errs(path).map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
    ) : null;

  const published = submission.status === 'published';
  return (
    <form
      className="runbook-form"
      aria-labelledby={`${id}-h`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onPublish();
      }}
    >
      <div className="card-head">
        <h3 id={`${id}-h`}>{t('runbookForm.title')}</h3>
        <span className="hint small">{t('runbookForm.hint')}</span>
      </div>

      {all.length > 0 && (
        <div role="alert" className="error-summary">
          <strong>{t('runbookForm.fix', { n: all.length })}</strong>
          <ul>
            {all.map(({ path, m }, i) => (
              <li key={i}>
                {path !== 'form' && <code>{path}</code>} {m}
              </li>
            ))}
          </ul>
        </div>
      )}

      <fieldset disabled={published}>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={fid('classId')}>{t('runbookForm.class')}</label>
            <div className="inline-row">
              <select id={fid('classId')} value={f.classId} onChange={(e) => set({ classId: e.target.value })} aria-invalid={has('classId')} aria-describedby={described('classId')} aria-required>
                <option value="">{t('runbookForm.pickClass')}</option>
                {submission.suggestions.length > 0 && (
                  <optgroup label={t('memes.suggestions')}>
                    {submission.suggestions.map((s) => (
                      <option key={`s-${s.classId}`} value={s.classId}>
                        {catalog.memeByClass.get(s.classId)?.symbol ?? ''} {catalog.title(s.classId, lang)} ({formatConfidence(s.confidence)})
                      </option>
                    ))}
                  </optgroup>
                )}
                <optgroup label={t('runbookForm.allClasses')}>
                  {catalog.causes
                    .filter((c) => !submission.suggestions.some((s) => s.classId === c.classId))
                    .map((c) => (
                      <option key={c.classId} value={c.classId}>
                        {catalog.memeByClass.get(c.classId)?.symbol ?? ''} {catalog.title(c.classId, lang)}
                      </option>
                    ))}
                </optgroup>
              </select>
              <button type="button" className="ghost small" onClick={() => void fillFromKnowledge()} disabled={!f.classId || !!busy}>
                {busy === 'kb' ? t('common.loading') : t('runbookForm.fillKb')}
              </button>
            </div>
            {fieldError('classId')}
          </div>
          <div className="field">
            <label htmlFor={fid('title')}>{t('runbookForm.titleField')}</label>
            <input id={fid('title')} type="text" value={f.title} maxLength={300} onChange={(e) => set({ title: e.target.value })} aria-invalid={has('title')} aria-describedby={described('title')} aria-required />
            {fieldError('title')}
          </div>
          <div className="field wide">
            <label htmlFor={fid('summary')}>{t('runbookForm.summary')}</label>
            <textarea id={fid('summary')} rows={2} value={f.summary} maxLength={5000} onChange={(e) => set({ summary: e.target.value })} aria-invalid={has('summary')} aria-describedby={described('summary')} />
            {fieldError('summary')}
          </div>
        </div>

        <fieldset className="group" aria-describedby={described('reproduction', `${id}-repro-hint`)}>
          <legend>{t('runbookForm.reproduction')}</legend>
          <p className="hint small" id={`${id}-repro-hint`}>
            {t('runbookForm.reproductionHint')}
          </p>
          {fieldError('reproduction')}
          <ol className="rows">
            {f.reproduction.map((r, i) => (
              <li key={i} className="row">
                <div className="field grow">
                  <label htmlFor={fid(`reproduction.${i}.command`)}>{t('runbookForm.commandN', { n: i + 1 })}</label>
                  <input
                    id={fid(`reproduction.${i}.command`)}
                    type="text"
                    className="mono"
                    value={r.command}
                    onChange={(e) => set({ reproduction: f.reproduction.map((x, k) => (k === i ? { ...x, command: e.target.value } : x)) })}
                    aria-invalid={has(`reproduction.${i}.command`)}
                    aria-describedby={described(`reproduction.${i}.command`)}
                    placeholder="kubectl -n prod describe pod orders-7d9f… # image orders:1.4.2"
                  />
                  {fieldError(`reproduction.${i}.command`)}
                </div>
                <div className="field">
                  <label htmlFor={fid(`reproduction.${i}.note`)}>{t('runbookForm.note')}</label>
                  <input id={fid(`reproduction.${i}.note`)} type="text" value={r.note} onChange={(e) => set({ reproduction: f.reproduction.map((x, k) => (k === i ? { ...x, note: e.target.value } : x)) })} />
                </div>
                <button
                  type="button"
                  className="ghost small"
                  aria-label={t('runbookForm.removeStep', { n: i + 1 })}
                  onClick={() => set({ reproduction: f.reproduction.length > 1 ? f.reproduction.filter((_, k) => k !== i) : [{ command: '', note: '' }] })}
                >
                  ✕
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="ghost small" onClick={() => set({ reproduction: [...f.reproduction, { command: '', note: '' }] })}>
            + {t('runbookForm.addStep')}
          </button>
        </fieldset>

        <fieldset className="group">
          <legend>{t('runbookForm.verification')}</legend>
          <p className="hint small">{t('runbookForm.verificationHint')}</p>
          {fieldError('verification')}
          <ol className="rows">
            {f.verification.map((v, i) => (
              <li key={i} className="row">
                <div className="field">
                  <label htmlFor={fid(`verification.${i}.name`)}>{t('runbookForm.metricName', { n: i + 1 })}</label>
                  <input id={fid(`verification.${i}.name`)} type="text" value={v.name} onChange={(e) => set({ verification: f.verification.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)) })} />
                  {fieldError(`verification.${i}.name`)}
                </div>
                <div className="field grow">
                  <label htmlFor={fid(`verification.${i}.promql`)}>{t('runbookForm.promql', { n: i + 1 })}</label>
                  <input
                    id={fid(`verification.${i}.promql`)}
                    type="text"
                    className="mono"
                    value={v.promql}
                    onChange={(e) => set({ verification: f.verification.map((x, k) => (k === i ? { ...x, promql: e.target.value } : x)) })}
                    aria-invalid={has(`verification.${i}.promql`)}
                    aria-describedby={described(`verification.${i}.promql`)}
                    placeholder="sum(rate(container_oom_events_total[5m]))"
                  />
                  {fieldError(`verification.${i}.promql`)}
                </div>
              </li>
            ))}
          </ol>
        </fieldset>

        <fieldset className="group">
          <legend>{t('runbookForm.rollback')}</legend>
          <p className="hint small">{t('runbookForm.rollbackHint')}</p>
          {fieldError('rollback')}
          {fieldError('rollback.steps')}
          <ol className="rows">
            {f.rollback.map((s, i) => (
              <li key={i} className="row">
                <div className="field grow">
                  <label htmlFor={fid(`rollback.steps.${i}`)}>{t('runbookForm.rollbackStep', { n: i + 1 })}</label>
                  <input
                    id={fid(`rollback.steps.${i}`)}
                    type="text"
                    className="mono"
                    value={s}
                    onChange={(e) => set({ rollback: f.rollback.map((x, k) => (k === i ? e.target.value : x)) })}
                    aria-invalid={has(`rollback.steps.${i}`) || has('rollback.steps')}
                    aria-describedby={described(`rollback.steps.${i}`)}
                    placeholder="kubectl -n prod rollout undo deployment/orders"
                  />
                  {fieldError(`rollback.steps.${i}`)}
                </div>
                <button type="button" className="ghost small" aria-label={t('runbookForm.removeRollback', { n: i + 1 })} onClick={() => set({ rollback: f.rollback.length > 1 ? f.rollback.filter((_, k) => k !== i) : [''] })}>
                  ✕
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="ghost small" onClick={() => set({ rollback: [...f.rollback, ''] })}>
            + {t('runbookForm.addRollback')}
          </button>
          <div className="field narrow">
            <label htmlFor={fid('rollback.revisionsAvailable')}>{t('runbookForm.revisions')}</label>
            <input
              id={fid('rollback.revisionsAvailable')}
              type="number"
              min={0}
              max={10000}
              inputMode="numeric"
              value={f.revisions}
              onChange={(e) => set({ revisions: e.target.value })}
              aria-invalid={has('rollback.revisionsAvailable')}
              aria-describedby={described('rollback.revisionsAvailable', `${id}-rev-hint`)}
            />
            <span className="hint small" id={`${id}-rev-hint`}>
              {t('runbookForm.revisionsHint')}
            </span>
            {fieldError('rollback.revisionsAvailable')}
          </div>
        </fieldset>

        <fieldset className="group">
          <legend>{t('runbookForm.fixGroup')}</legend>
          <div className="form-grid">
            <div className="field wide">
              <label htmlFor={fid('fix.description')}>{t('runbookForm.fixDescription')}</label>
              <textarea id={fid('fix.description')} rows={2} value={f.fixDescription} onChange={(e) => set({ fixDescription: e.target.value })} aria-invalid={has('fix.description')} aria-describedby={described('fix.description')} />
              {fieldError('fix.description')}
            </div>
            <div className="field">
              <label htmlFor={fid('fix.commit')}>{t('runbookForm.commit')}</label>
              <input id={fid('fix.commit')} type="text" className="mono" value={f.commit} onChange={(e) => set({ commit: e.target.value })} aria-invalid={has('fix.commit')} aria-describedby={described('fix.commit')} placeholder="3f9c2e1" />
              {fieldError('fix.commit')}
            </div>
            <div className="field">
              <label htmlFor={fid('fix.commitMessage')}>{t('runbookForm.commitMessage')}</label>
              <input id={fid('fix.commitMessage')} type="text" value={f.commitMessage} onChange={(e) => set({ commitMessage: e.target.value })} aria-invalid={has('fix.commitMessage')} aria-describedby={described('fix.commitMessage')} />
              {fieldError('fix.commitMessage')}
            </div>
          </div>
        </fieldset>

        {fieldError('runbook')}
        {fieldError('form')}
        <div className="toolbar form-actions">
          <button type="button" className="ghost" onClick={() => void onSave()} disabled={!!busy}>
            {busy === 'save' ? t('runbookForm.saving') : t('runbookForm.saveDraft')}
          </button>
          <button type="submit" disabled={!!busy || submission.status !== 'done'} title={submission.status !== 'done' ? t('runbookForm.waitOcr') : undefined}>
            {busy === 'publish' ? t('runbookForm.publishing') : t('runbookForm.publish')}
          </button>
          <span role="status" className="ok small">
            {saved}
          </span>
        </div>
      </fieldset>
    </form>
  );
}

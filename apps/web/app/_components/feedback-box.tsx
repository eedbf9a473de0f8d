'use client';

import { useId, useState } from 'react';
import { errorText, sendFeedback } from '../../lib/api';
import { useCatalog } from '../../lib/catalog';
import { useLang } from '../../lib/i18n';

type State = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent'; text: string } | { kind: 'error'; text: string };

/**
 * "Was this right?" for a diagnosis: correct, or wrong and which class it really was. The model
 * is rebuilt from these verdicts.
 */
export function FeedbackBox({ diagnosisId, topClassId }: { diagnosisId: string; topClassId: string | null }) {
  const { t, lang } = useLang();
  const catalog = useCatalog();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [picking, setPicking] = useState(!topClassId);
  const [actual, setActual] = useState('');
  const id = useId();

  async function run(verdicts: { classId: string; correct: boolean }[], done: string) {
    setState({ kind: 'sending' });
    try {
      for (const v of verdicts) await sendFeedback(diagnosisId, v.classId, v.correct);
      setState({ kind: 'sent', text: done });
    } catch (err) {
      setState({ kind: 'error', text: errorText(err) });
    }
  }

  const classes = catalog.causes.filter((c) => c.classId !== topClassId);
  const busy = state.kind === 'sending';
  return (
    <div className="feedback" role="group" aria-label={t('feedback.group')}>
      <span className="k">{t('feedback.question')}</span>
      {topClassId && (
        <button type="button" className="ghost ok-button" disabled={busy} onClick={() => void run([{ classId: topClassId, correct: true }], t('feedback.thanksCorrect'))}>
          {t('feedback.correct')}
        </button>
      )}
      {topClassId && !picking && (
        <button type="button" className="ghost" disabled={busy} onClick={() => setPicking(true)} aria-expanded={picking}>
          {t('feedback.wrong')}
        </button>
      )}
      {picking && (
        <form
          className="feedback-pick"
          onSubmit={(e) => {
            e.preventDefault();
            if (!actual) return;
            const verdicts = [...(topClassId ? [{ classId: topClassId, correct: false }] : []), { classId: actual, correct: true }];
            void run(verdicts, t('feedback.thanksWrong', { cls: catalog.title(actual, lang) }));
          }}
        >
          <label htmlFor={`${id}-cls`}>{topClassId ? t('feedback.itWas') : t('feedback.whatWasIt')}</label>
          <select id={`${id}-cls`} value={actual} onChange={(e) => setActual(e.target.value)} required>
            <option value="">{t('feedback.pickClass')}</option>
            {classes.map((c) => (
              <option key={c.classId} value={c.classId}>
                {catalog.memeByClass.get(c.classId)?.symbol ?? ''} {catalog.title(c.classId, lang)} ({c.classId})
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy || !actual}>
            {t('feedback.send')}
          </button>
          {topClassId && (
            <button type="button" className="ghost small" onClick={() => setPicking(false)}>
              {t('common.cancel')}
            </button>
          )}
        </form>
      )}
      <span role="status" className={state.kind === 'error' ? 'error small' : 'ok small'}>
        {state.kind === 'sending' ? t('feedback.sending') : state.kind === 'sent' || state.kind === 'error' ? state.text : ''}
      </span>
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../i18n/describe-error';
import { useBoardStore } from './board-store';

/** The supervisor's sign-in: a user name and a password; a refusal says why, in words. */
export function SignIn() {
  const { t } = useTranslation();
  const signIn = useBoardStore((state) => state.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const error = await signIn(username, password);
    setBusy(false);
    if (error !== null) {
      setProblem(describeError(error));
      setPassword('');
    }
  }

  return (
    <form className="board-sign-in" onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-heading" data-testid="sign-in-form">
      <h2 id="sign-in-heading">{t('board.signIn.heading')}</h2>
      <p className="muted">{t('board.signIn.intro')}</p>
      <label className="field">
        <span>{t('board.signIn.username')}</span>
        <input name="username" autoComplete="username" required value={username} onChange={(event) => setUsername(event.target.value)} autoFocus />
      </label>
      <label className="field">
        <span>{t('board.signIn.password')}</span>
        <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
      </label>
      {problem === null ? null : (
        <p className="notice notice--error" role="alert" data-testid="sign-in-problem">
          {problem}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? t('board.signIn.busy') : t('board.signIn.submit')}
      </button>
    </form>
  );
}

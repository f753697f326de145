import { useState } from 'react';
import { consoleClient } from '../rpc/client';
import { useQuery } from '../rpc/use-query';
import { errorText, useToasts } from '../state/toasts-slice';

/**
 * First run: the console signs tickets and acknowledgements with a name the team sees ("ticket T-1042
 * by Alice"), so it asks for one, offering the OS account's full name, until the technician confirms.
 */
export function NamePrompt() {
  const profile = useQuery('profile.get', {}, { refreshOn: ['profile'] });
  const toast = useToasts((s) => s.show);
  const [draft, setDraft] = useState<string | null>(null);
  if (!profile.data || profile.data.fromSettings) return null;
  const value = draft ?? profile.data.name;
  const save = (): void => {
    const name = value.trim();
    if (!name) return;
    consoleClient()
      .call('profile.set', { name })
      .then((p) => {
        profile.reload();
        toast('success', `Your actions are signed “${p.name}”`);
      })
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  return (
    <form
      className="name-prompt"
      aria-label="Your name"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label htmlFor="name-prompt-input">
        Your colleagues see this name on your tickets and acknowledgements:
      </label>
      <input
        id="name-prompt-input"
        value={value}
        maxLength={100}
        required
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" className="primary">
        Use this name
      </button>
    </form>
  );
}

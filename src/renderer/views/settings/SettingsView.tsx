import { useState } from 'react';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { applyTheme, storedTheme, themes, type Theme } from '../../state/theme';
import { errorText, useToasts } from '../../state/toasts-slice';
import { DesktopSettings } from './DesktopSettings';
import { MappingSettings } from './MappingSettings';
import { NinjaOneSettings } from './NinjaOneSettings';
import { NotificationSettings } from './NotificationSettings';
import { AlertRules } from './AlertRules';
import { PsaSettings } from './PsaSettings';
import { SyncSettings } from './SyncSettings';
import { RelaySettings } from './RelaySettings';
import { RuleDecisions } from './RuleDecisions';
import { TicketDefaults } from './TicketDefaults';

function ProfileSettings() {
  const profile = useQuery('profile.get', {}, { refreshOn: ['profile'] });
  const toast = useToasts((s) => s.show);
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? (profile.data?.fromSettings ? profile.data.name : '');
  const save = (): void => {
    consoleClient()
      .call('profile.set', { name: value.trim() ? value.trim() : null })
      .then((p) => {
        setDraft(null);
        profile.reload();
        toast('success', `Your actions are signed “${p.name}”`);
      })
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  return (
    <section className="card settings-card" aria-labelledby="profile-title">
      <h2 id="profile-title">Your name</h2>
      <p className="muted">Shown to the team on acknowledgements and tickets (“ticket T-1042 by Alice”).</p>
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <input
          aria-label="Technician name"
          value={value}
          placeholder={profile.data?.name ?? ''}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit">Save</button>
      </form>
    </section>
  );
}

function AppearanceSettings() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  return (
    <section className="card settings-card" aria-labelledby="appearance-title">
      <h2 id="appearance-title">Appearance</h2>
      <div role="radiogroup" aria-label="Theme" className="chips">
        {themes.map((t) => (
          <button
            key={t}
            type="button"
            role="radio"
            aria-checked={theme === t}
            className="chip"
            aria-pressed={theme === t}
            onClick={() => {
              applyTheme(t);
              setTheme(t);
            }}
          >
            {t === 'system' ? 'Follow the system' : t}
          </button>
        ))}
      </div>
    </section>
  );
}

export function SettingsView() {
  return (
    <section className="view settings" aria-labelledby="settings-title">
      <header className="view-header">
        <h1 id="settings-title">Settings</h1>
      </header>
      <div className="settings-grid">
        <NinjaOneSettings />
        <PsaSettings />
        <SyncSettings />
        <MappingSettings />
        <TicketDefaults />
        <RelaySettings />
        <AlertRules />
        <RuleDecisions />
        <NotificationSettings />
        <DesktopSettings />
        <ProfileSettings />
        <AppearanceSettings />
      </div>
    </section>
  );
}

import { useEffect, useState, type ReactNode } from 'react';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { routeHash, useNavigation } from '../../state/navigation-slice';
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

/** The section list's entries, in page order; the id is also the route (`#/settings/rules`). */
const sections = [
  { id: 'connections', label: 'Connections' },
  { id: 'mapping', label: 'Mapping' },
  { id: 'tickets', label: 'Tickets' },
  { id: 'sync', label: 'Sync' },
  { id: 'notifications', label: 'Notifications' },
  { id: 'rules', label: 'Rules' },
  { id: 'desktop', label: 'Desktop' },
  { id: 'appearance', label: 'Appearance' },
] as const;
type SectionId = (typeof sections)[number]['id'];

const sectionElementId = (id: SectionId): string => `settings-${id}`;

function SettingsSection({ id, children }: { id: SectionId; children: ReactNode }) {
  const label = sections.find((s) => s.id === id)!.label;
  return (
    <div id={sectionElementId(id)} className="settings-section" role="group" aria-label={label} tabIndex={-1}>
      {children}
    </div>
  );
}

/** Moves focus (and so the view) to a section: the next Tab goes on from there. */
function jumpTo(id: string): void {
  const section = document.getElementById(`settings-${id}`);
  if (!section) return;
  section.focus({ preventScroll: true });
  section.scrollIntoView({ block: 'start' });
}

/** Jumps to a section; the route names it, so a deep link or Back lands there too. */
function SectionList({ current }: { current: string | null }) {
  const navigate = useNavigation((s) => s.navigate);
  return (
    <nav className="settings-sections" aria-label="Settings sections">
      <ul>
        {sections.map((s) => (
          <li key={s.id}>
            <a
              href={routeHash({ view: 'settings', item: s.id })}
              aria-current={current === s.id ? 'location' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate('settings', s.id);
                jumpTo(s.id);
              }}
            >
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SettingsView() {
  const section = useNavigation((s) => s.route.item);
  // A route that names a section (a deep link, Back) opens at it.
  useEffect(() => {
    if (section) jumpTo(section);
  }, [section]);
  return (
    <section className="view settings" aria-labelledby="settings-title">
      <header className="view-header">
        <h1 id="settings-title">Settings</h1>
      </header>
      <div className="settings-layout">
        <SectionList current={section} />
        <div className="settings-sections-body">
          <SettingsSection id="connections">
            <NinjaOneSettings />
            <PsaSettings />
            <RelaySettings />
            <ProfileSettings />
          </SettingsSection>
          <SettingsSection id="mapping">
            <MappingSettings />
          </SettingsSection>
          <SettingsSection id="tickets">
            <TicketDefaults />
          </SettingsSection>
          <SettingsSection id="sync">
            <SyncSettings />
          </SettingsSection>
          <SettingsSection id="notifications">
            <NotificationSettings />
          </SettingsSection>
          <SettingsSection id="rules">
            <AlertRules />
            <RuleDecisions />
          </SettingsSection>
          <SettingsSection id="desktop">
            <DesktopSettings />
          </SettingsSection>
          <SettingsSection id="appearance">
            <AppearanceSettings />
          </SettingsSection>
        </div>
      </div>
    </section>
  );
}

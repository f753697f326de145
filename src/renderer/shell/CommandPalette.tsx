import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { parseSoftwareQuery } from '../../shared/version-compare';
import { matchLabel } from '../format/match';
import { consoleClient } from '../rpc/client';
import { useNavigation, viewLabels, views } from '../state/navigation-slice';
import { useSoftwareView } from '../state/software-slice';
import { applyTheme, themes } from '../state/theme';
import { errorText, useToasts } from '../state/toasts-slice';
import { focusView } from './focus';

interface Command {
  id: string;
  group: 'View' | 'Action' | 'Software' | 'Device' | 'Alert';
  label: string;
  hint?: string;
  run(): void;
}

/** "every device with AnyDesk", "chrome below 120": answered by the software view's device list. */
function softwareQuestion(text: string, navigate: (view: 'software') => void): Command[] {
  const query = parseSoftwareQuery(text);
  if (!query.name || (!query.devices && !query.version)) return [];
  const version = query.version ? ` version ${query.version.op} ${query.version.value}` : '';
  return [
    {
      id: 'software:question',
      group: 'Software',
      label: `Devices with “${query.name}”${version}`,
      run: () => {
        useSoftwareView.getState().setText(text.trim());
        navigate('software');
      },
    },
  ];
}

/**
 * Ctrl/Cmd+K: jump to any view, device or open alert (searched in the cache as you type, devices by
 * any field, alerts by condition, message or device), ask which devices have some software, or run
 * an action (sync, pause notifications, theme).
 * Arrow keys move, Enter runs, Escape closes.
 */
export function CommandPalette({ onClose }: { onClose(): void }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<Command[]>([]);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const navigate = useNavigation((s) => s.navigate);

  const toast = useToasts((s) => s.show);
  const viewCommands = useMemo<Command[]>(() => {
    const report = (work: Promise<string>): void => {
      work.then(
        (m) => toast('success', m),
        (e: unknown) => toast('error', errorText(e)),
      );
    };
    const actions: Command[] = [
      {
        id: 'action:sync',
        group: 'Action',
        label: 'Sync now',
        run: () =>
          report(
            consoleClient()
              .call('sync.now', {})
              .then((r) => `Sync ${r.state}: ${r.added} added, ${r.changed} changed`),
          ),
      },
      {
        id: 'action:full-sync',
        group: 'Action',
        label: 'Full sync now',
        run: () =>
          report(
            consoleClient()
              .call('sync.now', { kind: 'full' })
              .then((r) => `Full sync ${r.state}`),
          ),
      },
      {
        id: 'action:pause',
        group: 'Action',
        label: 'Pause notifications for 1 hour',
        run: () =>
          report(
            consoleClient()
              .call('notifications.setPreferences', { pausedUntil: Date.now() + 3_600_000 })
              .then(() => 'Notifications paused for 1 hour'),
          ),
      },
      {
        id: 'action:retry-tickets',
        group: 'Action',
        label: 'Retry waiting tickets',
        run: () =>
          report(
            consoleClient()
              .call('tickets.retryNow', {})
              .then(({ due }) => `Retrying ${due} ticket${due === 1 ? '' : 's'}`),
          ),
      },
      ...themes.map<Command>((theme) => ({
        id: `action:theme-${theme}`,
        group: 'Action',
        label: theme === 'system' ? 'Theme: follow the system' : `Theme: ${theme}`,
        run: () => applyTheme(theme),
      })),
    ];
    return [
      ...views.map<Command>((v) => ({
        id: `view:${v}`,
        group: 'View',
        label: `Go to ${viewLabels[v]}`,
        run: () => navigate(v),
      })),
      ...actions,
    ];
  }, [navigate, toast]);

  // Mounted for each opening, so it starts empty; closing gives the focus back to where it was.
  const [previousFocus] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  // At commit, not in a later frame: a technician types straight after Ctrl+K, and a key pressed
  // before the field has the focus would be lost.
  useLayoutEffect(() => {
    input.current?.focus();
  }, []);
  const close = (went: boolean): void => {
    onClose();
    const previous = previousFocus;
    // A jump lands the keyboard in the view it opened; anything else puts it back.
    if (went || !previous?.isConnected) focusView();
    else requestAnimationFrame(() => previous.focus());
  };

  useEffect(() => {
    const term = text.trim();
    if (term.length < 2) return;
    const controller = new AbortController();
    const client = consoleClient();
    void Promise.all([
      client.call('assets.list', { filter: { search: term }, limit: 8 }, { signal: controller.signal }),
      client.call(
        'alerts.list',
        { filter: { states: ['open'], search: term }, limit: 8 },
        { signal: controller.signal },
      ),
    ])
      .then(([devices, alerts]) => {
        setFound([
          ...devices.items.map<Command>((d) => ({
            id: `device:${d.id}`,
            group: 'Device',
            label: d.name,
            hint: [matchLabel(d.match), d.organizationName, d.ipAddresses[0]].filter(Boolean).join(' · '),
            run: () => navigate('assets', String(d.id)),
          })),
          ...alerts.items.map<Command>((a) => ({
            id: `alert:${a.uid}`,
            group: 'Alert',
            label: `${a.conditionName ?? a.subject ?? 'Alert'} on ${a.deviceName}`,
            hint: [a.severity.toLowerCase(), a.message].filter(Boolean).join(' · '),
            run: () => navigate('alerts', a.uid),
          })),
        ]);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [text, navigate]);

  const lower = text.trim().toLowerCase();
  const commands = [
    ...softwareQuestion(text, navigate),
    ...viewCommands.filter((c) => c.label.toLowerCase().includes(lower)),
    ...(lower.length >= 2 ? found : []),
  ];
  const current = Math.min(active, Math.max(0, commands.length - 1));
  const run = (command: Command | undefined): void => {
    if (!command) return;
    command.run();
    close(command.group !== 'Action');
  };

  return (
    <div className="palette-backdrop" onClick={() => close(false)}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        onClick={(e) => e.stopPropagation()}
      >
        <input
          ref={input}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={commands[current] ? `cmd-${commands[current].id}` : undefined}
          aria-label="Search devices, alerts and views"
          placeholder="Jump to a device, alert or view…"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k')) {
              e.stopPropagation();
              close(false);
            } else if (e.key === 'ArrowDown') setActive(Math.min(current + 1, commands.length - 1));
            else if (e.key === 'ArrowUp') setActive(Math.max(current - 1, 0));
            else if (e.key === 'Enter') run(commands[current]);
            else return;
            e.preventDefault();
          }}
        />
        <ul id="palette-list" role="listbox" aria-label="Results">
          {commands.map((c, i) => (
            <li
              key={c.id}
              id={`cmd-${c.id}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'active' : ''}
              onMouseEnter={() => setActive(i)}
              onClick={() => run(c)}
            >
              <span className="palette-group">{c.group}</span>
              <span>{c.label}</span>
              {c.hint ? <span className="muted">{c.hint}</span> : null}
            </li>
          ))}
          {commands.length === 0 ? <li className="muted">Nothing matches “{text}”.</li> : null}
        </ul>
      </div>
    </div>
  );
}

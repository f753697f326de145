import { useModalDialog } from '../components/use-modal-dialog';

/** Every shortcut the console answers, as the `?` sheet lists them. */
export const shortcuts: { group: string; keys: string[]; what: string }[] = [
  { group: 'Anywhere', keys: ['Ctrl K', '⌘ K'], what: 'Jump to a device, alert or view, or run an action' },
  { group: 'Anywhere', keys: ['?'], what: 'Show these shortcuts' },
  { group: 'Anywhere', keys: ['Esc'], what: 'Close the open detail or dialog' },
  { group: 'Lists', keys: ['j', '↓'], what: 'Next row' },
  { group: 'Lists', keys: ['k', '↑'], what: 'Previous row' },
  { group: 'Lists', keys: ['Home', 'End'], what: 'First or last row' },
  { group: 'Lists', keys: ['Enter'], what: 'Open the row in the detail' },
  {
    group: 'Lists',
    keys: ['x'],
    what: 'Select or unselect the row: alerts, devices, a patch’s or a title’s devices',
  },
  { group: 'Alerts', keys: ['t'], what: 'Ticket: for the selected alerts, or this one' },
  { group: 'Alerts', keys: ['e'], what: 'Mark as seen: the selected alerts, or this one' },
  { group: 'Assets', keys: ['t'], what: 'Create a ticket for the device' },
];

/** The `?` sheet: a modal dialog (focus stays in it; Escape closes it and the focus goes back). */
export function KeyboardHelp({ onClose }: { onClose(): void }) {
  const dialog = useModalDialog();
  const groups = [...new Set(shortcuts.map((s) => s.group))];
  return (
    <dialog ref={dialog} className="dialog shortcuts" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      {groups.map((group) => (
        <section key={group} aria-label={group}>
          <h3>{group}</h3>
          <dl>
            {shortcuts
              .filter((s) => s.group === group)
              .map((s) => (
                <div key={s.what} className="shortcut">
                  <dt>
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 ? ' or ' : null}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{s.what}</dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
      <form method="dialog" className="form-row">
        <button type="submit" className="primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}

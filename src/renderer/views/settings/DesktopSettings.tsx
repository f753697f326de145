import type { DesktopPreferences } from '../../../shared/contract/desktop';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { errorText, useToasts } from '../../state/toasts-slice';
import { Checkbox } from '../../components/fields';

/** Tray and start-up behaviour; only the desktop app has a tray. */
export function DesktopSettings() {
  const prefs = useQuery('desktop.getPreferences', {}, { refreshOnEvents: ['desktop.preferencesChanged'] });
  const toast = useToasts((s) => s.show);
  const save = (patch: Partial<DesktopPreferences>): void => {
    consoleClient()
      .call('desktop.setPreferences', patch)
      .then(() => prefs.reload())
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  return (
    <section className="card settings-card" aria-labelledby="desktop-title">
      <h2 id="desktop-title">Desktop</h2>
      {!window.consoleApi ? (
        <p className="muted">
          The tray and start-up settings belong to the desktop app; this console runs in a browser.
        </p>
      ) : !prefs.data ? (
        <p className="muted">Loading…</p>
      ) : (
        <DesktopPreferenceFields prefs={prefs.data} save={save} />
      )}
    </section>
  );
}

function DesktopPreferenceFields({
  prefs,
  save,
}: {
  prefs: DesktopPreferences;
  save(patch: Partial<DesktopPreferences>): void;
}) {
  return (
    <>
      <Checkbox checked={prefs.closeToTray} onChange={(checked) => save({ closeToTray: checked })}>
        Closing the window keeps the console in the tray
      </Checkbox>
      <Checkbox checked={prefs.startAtLogin} onChange={(checked) => save({ startAtLogin: checked })}>
        Start at login
      </Checkbox>
    </>
  );
}

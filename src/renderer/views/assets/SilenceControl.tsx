import type { AssetDetail } from '../../../shared/contract/assets';
import { consoleClient } from '../../rpc/client';
import { errorText, useToasts } from '../../state/toasts-slice';

const silenceChoices: [number, string][] = [
  [60, '1 hour'],
  [4 * 60, '4 hours'],
  [24 * 60, '1 day'],
  [7 * 24 * 60, '1 week'],
];

/** "Silence for…" a device's alerts, or end its silence. */
export function SilenceControl({ device }: { device: Pick<AssetDetail, 'id' | 'name' | 'silence'> }) {
  const toast = useToasts((s) => s.show);
  const call = (work: Promise<string>): void => {
    work.then(
      (m) => toast('success', m),
      (e: unknown) => toast('error', errorText(e)),
    );
  };
  if (device.silence) {
    return (
      <button
        type="button"
        onClick={() =>
          call(
            consoleClient()
              .call('assets.unsilence', { id: device.id })
              .then(() => `${device.name} is no longer silenced`),
          )
        }
      >
        End silence
      </button>
    );
  }
  return (
    <select
      aria-label="Silence for"
      value=""
      onChange={(e) => {
        const minutes = Number(e.target.value);
        if (minutes)
          call(
            consoleClient()
              .call('assets.silence', { id: device.id, minutes })
              .then(() => `${device.name} silenced`),
          );
      }}
    >
      <SilenceOptions />
    </select>
  );
}

/** The "Silence for…" choices, for one device here and for a selection in the bulk bar. */
export function SilenceOptions() {
  return (
    <>
      <option value="">Silence for…</option>
      {silenceChoices.map(([minutes, label]) => (
        <option key={minutes} value={minutes}>
          {label}
        </option>
      ))}
    </>
  );
}

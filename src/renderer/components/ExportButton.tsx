import { useState } from 'react';
import type { ExportRequestInput } from '../../shared/contract/export';
import { consoleClient } from '../rpc/client';
import { errorText, useToasts } from '../state/toasts-slice';
import { sessionToken } from '../transport/bootstrap';

/**
 * The core prepares the export and writes it page by page; the renderer never holds the rows. The
 * desktop saves through main's save dialog; the browser form follows a one-time download link.
 */
async function exportCsv(request: ExportRequestInput): Promise<string | null> {
  const prepared = await consoleClient().call('export.prepare', request);
  if (window.consoleApi) {
    const saved = await window.consoleApi.saveExport(prepared);
    return saved ? `Saved ${saved.rows.toLocaleString()} rows to ${prepared.fileName}` : null;
  }
  const link = document.createElement('a');
  link.href = `${prepared.downloadPath}?token=${encodeURIComponent(sessionToken())}`;
  link.download = prepared.fileName;
  link.click();
  return `Downloading ${prepared.fileName}`;
}

export function ExportButton({ request, label }: { request: ExportRequestInput; label: string }) {
  const [busy, setBusy] = useState(false);
  const toast = useToasts((s) => s.show);
  return (
    <button
      type="button"
      className="export-button"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        exportCsv(request)
          .then((message) => message && toast('success', message))
          .catch((e: unknown) => toast('error', errorText(e)))
          .finally(() => setBusy(false));
      }}
    >
      {busy ? 'Exporting…' : label}
    </button>
  );
}

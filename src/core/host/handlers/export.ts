import { isAbsolute } from 'node:path';
import { AppError } from '../../../shared/rpc/errors';
import type { Cache } from '../../cache/cache';
import { writeCsvFile } from '../../export/csv-writer';
import type { PreparedExports } from '../../export/prepared-exports';
import type { Handlers } from '../rpc-server';

export function exportHandlers(
  cache: Cache,
  prepared: PreparedExports,
): Pick<Handlers, 'export.prepare' | 'export.writeFile'> {
  return {
    'export.prepare': (request) => prepared.prepare(request),
    'export.writeFile': async ({ id, path }) => {
      if (!isAbsolute(path)) throw new AppError('invalid_input', 'The file to save to must be a full path.');
      const entry = prepared.take(id);
      if (!entry)
        throw new AppError('not_found', 'This export has expired or was already saved: export again.');
      return writeCsvFile(cache, entry.request, path);
    },
  };
}

import type { z } from 'zod';
import type { SettingsRepository } from '../cache/repositories/settings';

/**
 * A group of preferences kept as one JSON value in the settings table. Reads fall back to the
 * defaults when the stored value is missing or no longer valid; an update that changes something is
 * saved and announced (the core emits it so main and the renderer follow).
 */
export class PreferenceStore<S extends z.ZodObject> {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly key: string,
    private readonly schema: S,
    private readonly defaults: z.output<S>,
    private readonly onChange: (value: z.output<S>) => void,
  ) {}

  get(): z.output<S> {
    return { ...this.defaults, ...this.settings.get(this.key, this.schema, this.defaults) };
  }

  update(patch: Partial<z.output<S>>): z.output<S> {
    const before = this.get();
    const after = this.schema.parse({ ...before, ...patch }) as z.output<S>;
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      this.settings.set(this.key, after);
      this.onChange(after);
    }
    return after;
  }
}

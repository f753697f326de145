import type { CoreToMainMessage } from '../../shared/host-messages';
import { AppError, type RpcErrorShape } from '../../shared/rpc/errors';
import type { ExternalOpener } from '../external-opener';
import type { ExternalPurpose } from '../../shared/external-url-policy';

/**
 * The Electron opener: the core posts `open-external` to main over `process.parentPort` and waits for
 * main's gate to answer. Main is the only process that calls `shell.openExternal`.
 */
export class ParentPortOpener implements ExternalOpener {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(): void; reject(error: AppError): void }>();

  constructor(
    private readonly post: (message: CoreToMainMessage) => void,
    private readonly timeoutMs = 15_000,
  ) {}

  open(url: string, purpose: ExternalPurpose): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new AppError('timeout', 'The desktop app did not answer the request to open the browser.'));
      }, this.timeoutMs);
      timer.unref?.();
      this.waiting.set(id, {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.post({ type: 'open-external', id, url, purpose });
    });
  }

  /** main's answer to request `id`. */
  settle(id: number, error: RpcErrorShape | null): void {
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    this.waiting.delete(id);
    if (error) waiter.reject(AppError.fromShape(error));
    else waiter.resolve();
  }
}

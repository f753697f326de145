import { useCallback, useEffect, type ReactNode } from 'react';
import { focusMainList } from '../shell/focus';

/** True when a key belongs to the field it was typed in (Escape clears a search before it closes). */
function typingIn(target: EventTarget | null): boolean {
  return (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) && target.value !== '';
}

/**
 * The detail beside a list (a drawer over it when the window is narrow): its title, a close button,
 * and Escape to close it. Closing puts the focus back on the row it was opened from, so the keyboard
 * carries on where it was.
 */
export function DetailPanel({
  label,
  title,
  onClose,
  children,
}: {
  label: string;
  title: ReactNode;
  onClose(): void;
  children: ReactNode;
}) {
  const close = useCallback(() => {
    const from = document.querySelector('.content [role=row].selected')?.getAttribute('data-row-key') ?? null;
    onClose();
    focusMainList(from);
  }, [onClose]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented || typingIn(e.target)) return;
      // An open dialog (a ticket form, the palette, the shortcut sheet) takes Escape first.
      if (document.querySelector('dialog[open], [aria-modal="true"]')) return;
      e.preventDefault();
      close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  return (
    <aside className="detail" aria-label={label}>
      <header className="detail-header">
        <h2 tabIndex={-1}>{title}</h2>
        <button type="button" aria-label="Close detail" aria-keyshortcuts="Escape" onClick={close}>
          ×
        </button>
      </header>
      {children}
    </aside>
  );
}

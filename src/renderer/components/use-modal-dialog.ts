import { useEffect, useRef } from 'react';

/**
 * A `<dialog>` shown modal for as long as its component is mounted: the focus stays inside it, and
 * goes back to what had it before once the dialog goes away (closed or unmounted), so the keyboard
 * carries on where it was.
 */
export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.showModal();
    return () => previous?.focus();
  }, []);
  return dialog;
}

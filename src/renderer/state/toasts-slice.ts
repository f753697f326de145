import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
}

interface ToastState {
  toasts: Toast[];
  show(kind: Toast['kind'], text: string): void;
  dismiss(id: number): void;
}

let nextId = 1;

/** Short results of actions ("Ticket T-1042 created"); errors stay until dismissed. */
export const useToasts = create<ToastState>((set, get) => ({
  toasts: [],
  show: (kind, text) => {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts.slice(-4), { id, kind, text }] }));
    if (kind !== 'error') setTimeout(() => get().dismiss(id), 5000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

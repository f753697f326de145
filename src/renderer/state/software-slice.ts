import { create } from 'zustand';

interface SoftwareViewState {
  /** What is typed in the software search ("every device with AnyDesk", "chrome below 120"). */
  text: string;
  setText(text: string): void;
}

/** The software search, kept outside the view so the command palette can ask it a question. */
export const useSoftwareView = create<SoftwareViewState>((set) => ({
  text: '',
  setText: (text) => set({ text }),
}));

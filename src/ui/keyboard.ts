/**
 * Keyboard shortcuts: space play/pause, s step, r reset, h hide the panels, f fullscreen. Ignored
 * while typing in an input, so slider text fields keep working.
 */
export interface KeyActions {
  toggle(): void;
  step(): void;
  reset(): void;
  togglePanels(): void;
  fullscreen(): void;
}

export function installKeyboard(actions: KeyActions): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
    switch (e.key) {
      case ' ':
        if (t?.tagName === 'BUTTON') return;
        e.preventDefault();
        actions.toggle();
        break;
      case 's':
        actions.step();
        break;
      case 'r':
        actions.reset();
        break;
      case 'h':
        actions.togglePanels();
        break;
      case 'f':
        actions.fullscreen();
        break;
    }
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}

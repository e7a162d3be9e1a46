/**
 * Pane titles that fit their pane: the full title where there is room, shorter forms in narrow
 * panes (three square panes in lecture mode cut "Concentration c (species 1)" to "Concentration
 * c (…"). Pure: the caller says what fits (CSS text width on the page, measureText in recordings).
 */
import type { PaneField } from './layout';

/** Each field's titles, longest first; the last always fits (it is the symbol). */
export const TITLE_FORMS: Record<PaneField, readonly string[]> = {
  T: ['Temperature T', 'T'],
  c: ['Concentration c (species 1)', 'Concentration c', 'c (species 1)', 'c'],
  sigma: ['Entropy production σ', 'Entropy prod. σ', 'σ'],
  phi: ['Electric potential φ', 'Potential φ', 'φ'],
};

/** The longest title of `field` for which `fits(text)` holds (else its shortest). */
export function fittingTitle(field: PaneField, fits: (text: string) => boolean): string {
  const forms = TITLE_FORMS[field];
  return forms.find(fits) ?? forms[forms.length - 1];
}

/**
 * Whether `text` fits in `widthPx` at a bold `fontPx` sans-serif, estimated (0.62 em per
 * character, a little above the average of system-ui's bold capitals and lower case).
 */
export function fitsEstimate(text: string, widthPx: number, fontPx: number): boolean {
  return text.length * 0.62 * fontPx <= widthPx;
}

/**
 * The first-visit guide: what each pane shows and what to try first, for a student on their own.
 * Shown once (dismissal remembered in localStorage), reopened with the "?" button; never in embed
 * mode, recordings, or under automation (navigator.webdriver), unless `?guide=1` asks for it
 * (`?guide=0` turns it off).
 */
const STORAGE_KEY = 'onsager-lab.guide-dismissed';

export interface GuideOptions {
  search: string;
  embed: boolean;
  /** The toolbar that gets the "?" button. */
  toolbar: HTMLElement;
}

/** Whether the guide opens by itself on this visit. */
export function guideWanted(search: string, embed: boolean, automated: boolean, dismissed: boolean): boolean {
  const q = new URLSearchParams(search).get('guide');
  if (q === '0' || q === 'false') return false;
  if (q === '1' || q === 'true') return true;
  return !embed && !automated && !dismissed;
}

function storedDismissed(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false; // storage blocked: show it, it can be closed
  }
}

const STEPS: [string, string][] = [
  ['The three panes', 'T is the temperature, c the mass fraction of species 1, and σ the entropy production per volume: where the second law takes its toll. The bar under each pane gives its colour scale (and says when it is a fixed, log or min..max range). Hover a pane to read values.'],
  ['First: move S_T', 'Open “Mixture” in the panel on the right and move the Soret coefficient S_T. The temperature gradient now pushes species 1 towards the cold side: watch the c pane and the separation plot Δc(t) grow.'],
  ['Then: the Onsager panel', 'Open “Onsager coupling and the second law”: the matrix of coefficients, the reciprocity L1q = Lq1, and how far S_T may go before σ would turn negative (try “allow unphysical”).'],
  ['Keys', 'space: play / pause · s: step · r: reset · h: lecture mode (fields and one plot, large text) · f: full screen. “jump to steady state” skips the wait.'],
];

export class Guide {
  readonly element: HTMLElement;

  constructor(private readonly o: GuideOptions) {
    const box = document.createElement('aside');
    box.id = 'guide';
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-label', 'Getting started');
    const title = document.createElement('h2');
    title.textContent = 'Getting started';
    const list = document.createElement('ol');
    for (const [head, text] of STEPS) {
      const li = document.createElement('li');
      const b = document.createElement('b');
      b.textContent = head;
      li.append(b, ': ', text);
      list.append(li);
    }
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Got it';
    close.dataset.testid = 'guide-close';
    close.onclick = () => this.dismiss();
    box.append(title, list, close);
    box.hidden = true;
    document.body.append(box);
    this.element = box;
    if (!o.embed) {
      const help = document.createElement('button');
      help.type = 'button';
      help.id = 'btn-guide';
      help.textContent = '?';
      help.title = 'Getting started (what the panes show, what to try)';
      help.setAttribute('aria-label', 'Show the getting-started guide');
      help.onclick = () => this.toggle();
      o.toolbar.append(help);
    }
    if (guideWanted(o.search, o.embed, navigator.webdriver === true, storedDismissed())) this.open();
  }

  open(): void {
    this.element.hidden = false;
  }

  toggle(): void {
    this.element.hidden = !this.element.hidden;
  }

  /** Closes the guide and remembers it (no more automatic opening on this browser). */
  dismiss(): void {
    this.element.hidden = true;
    try {
      localStorage.setItem(STORAGE_KEY, '1');
    } catch {
      // storage blocked: closed for this visit only
    }
  }
}

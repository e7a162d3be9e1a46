/**
 * The page's message area: validation refusals listed field by field (the schema's own messages,
 * which name the path, the value and what is allowed), and warnings. Dismissable; never modal.
 */
import type { Problem } from '../physics/schema';

export class Messages {
  constructor(private readonly host: HTMLElement) {}

  show(title: string, problems: readonly Problem[], kind: 'error' | 'warning' = 'error'): void {
    this.host.className = kind === 'warning' ? 'warning' : '';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Dismiss';
    close.setAttribute('aria-label', 'Dismiss this message');
    close.onclick = () => this.clear();
    const t = document.createElement('div');
    t.className = 'msg-title';
    t.textContent = title;
    const list = document.createElement('ul');
    for (const p of problems) {
      const li = document.createElement('li');
      li.textContent = p.message;
      if (p.path) li.dataset.path = p.path;
      list.append(li);
    }
    this.host.replaceChildren(close, t, ...(problems.length ? [list] : []));
  }

  clear(): void {
    this.host.replaceChildren();
  }

  get text(): string {
    return this.host.textContent ?? '';
  }
}

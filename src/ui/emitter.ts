import { traceSince } from './frame-trace';

/** A minimal typed event emitter (listeners are called in the order they were added). */
export class Emitter<E extends Record<string, unknown>> {
  private readonly listeners: { [K in keyof E]?: ((v: E[K]) => void)[] } = {};

  on<K extends keyof E>(event: K, f: (v: E[K]) => void): () => void {
    (this.listeners[event] ??= []).push(f);
    return () => {
      const list = this.listeners[event];
      if (list) list.splice(list.indexOf(f), 1);
    };
  }

  emit<K extends keyof E>(event: K, value: E[K]): void {
    const list = this.listeners[event] ?? [];
    for (let i = 0; i < list.length; i++) {
      const t = performance.now();
      list[i](value);
      traceSince(`${String(event)}#${i}`, t);
    }
  }
}

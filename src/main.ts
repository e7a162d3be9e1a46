/**
 * The page's entry: picks the backend (WebGPU, else the CPU reference in a worker), restores the
 * scenario from the link, and wires the view, the controls, the plots and `window.onsager`.
 */
import { boot } from './ui/boot';

declare global {
  interface Window {
    onsager?: import('./ui/api').OnsagerApi;
    /** Resolves when the page is running (tests wait on it); rejects if the page could not start. */
    onsagerReady?: Promise<void>;
  }
}

window.onsagerReady = boot().catch((e: unknown) => {
  const host = document.getElementById('messages');
  if (host) host.textContent = `The simulator could not start: ${e instanceof Error ? e.message : String(e)}`;
  console.error(e);
  throw e;
});

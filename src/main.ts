/**
 * The page's entry: picks the backend (WebGPU, else the CPU reference in a worker), restores the
 * scenario from the link, and wires the view, the controls, the plots and `window.onsager`.
 */
import { boot } from './ui/boot';

import type {} from './record/page-api'; // window.onsager, window.onsagerReady

window.onsagerReady = boot().catch((e: unknown) => {
  const host = document.getElementById('messages');
  if (host) host.textContent = `The simulator could not start: ${e instanceof Error ? e.message : String(e)}`;
  console.error(e);
  throw e;
});

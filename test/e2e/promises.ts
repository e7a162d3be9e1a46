/**
 * Promises alive in a page (issue 8, Build 9: the soak's heap), through the DevTools protocol:
 * after a full garbage collection, `Runtime.queryObjects` on Promise.prototype, and each one's
 * [[PromiseState]]. A pending count that grows with frames or switches is a chain left waiting.
 */
import type { CDPSession } from 'puppeteer';

export interface PromiseCount {
  /** Promise objects reachable after garbage collection. */
  alive: number;
  /** Of those, the ones still pending. */
  pending: number;
}

export async function countPromises(cdp: CDPSession): Promise<PromiseCount> {
  await cdp.send('HeapProfiler.collectGarbage');
  const proto = await cdp.send('Runtime.evaluate', { expression: 'Promise.prototype', objectGroup: 'promise-count' });
  const q = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId!, objectGroup: 'promise-count' });
  const items = await cdp.send('Runtime.getProperties', { objectId: q.objects.objectId!, ownProperties: true });
  let alive = 0;
  let pending = 0;
  for (const p of items.result) {
    if (!/^\d+$/.test(p.name) || !p.value?.objectId) continue;
    alive++;
    const inner = await cdp.send('Runtime.getProperties', { objectId: p.value.objectId, ownProperties: true });
    if (inner.internalProperties?.some((ip) => ip.name === '[[PromiseState]]' && ip.value?.value === 'pending')) pending++;
  }
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'promise-count' });
  return { alive, pending };
}

import { startHarness, openPage } from './test/e2e/harness';
const h = await startHarness(true);
const { page, errors } = await openPage(h);
await new Promise((r) => setTimeout(r, 8000));
await page.screenshot({ path: '/tmp/shots/default.png' });
const s = await page.evaluate(() => (window as any).onsager.stats());
console.log(JSON.stringify({ simTime: s.simTime, steps: s.steps, sep: s.separation }), errors);
await h.close();
process.exit(0);

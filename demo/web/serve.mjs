// `npm run demo:web`: serves the repository root (the page imports /dist and
// /bench) and prints the page's address. PORT picks the port; default: a free one.
// Every response carries COOP/COEP, so the page is cross-origin isolated and
// may share memory with workers (the page shows whether it is).
import { startServer } from '../../scripts/staticServer.mjs';

const { url } = await startServer({ port: Number(process.env.PORT) || 0, isolated: true });
console.log(`simd-optim demo: ${url}/demo/web/   (Ctrl-C to stop)`);

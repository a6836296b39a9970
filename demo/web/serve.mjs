// `npm run demo:web`: serves the repository root (the page imports /dist and
// /bench) and prints the page's address. PORT picks the port; default: a free one.
import { startServer } from '../../scripts/staticServer.mjs';

const { url } = await startServer({ port: Number(process.env.PORT) || 0 });
console.log(`simd-optim demo: ${url}/demo/web/   (Ctrl-C to stop)`);

// One freshly compiled copy of a plain-JS port module per benchmark case.
//
// Why: V8 keeps type feedback and optimized code per function literal of a
// module instance. Were one instance of bench/seedPort.mjs to serve every case,
// its loops would have seen every size, every dict shape (1 key or 10) and
// every optimizer's calls before the case at hand, while a user's training
// loop sees one optimizer on one dict. Compiling the port's source text anew
// for each case, with a comment naming the case so no two texts are equal (a
// compile cache keyed by source text cannot hand back another case's code;
// see src/engines/specialize.ts for where that happened), gives each case the
// baseline a single-purpose loop gets, and leaves the port files unchanged.
//
// The copy is imported from a data: URL, which works in Node and in the
// browser page alike. Such a module has no base URL to resolve imports
// against, so a port must stay self-contained (no import statements).

/** What the case is called in its copy's comment: `adam f64 1M`. */
export const caseTag = ({ optimizer, dtype, size }) => `${optimizer.id} ${dtype} ${size.id}`;

/** → the module namespace of a new instance of `source`, compiled for the case named by `tag`. */
export async function compilePort(source, tag) {
  if (/^\s*import[\s{*'"]/m.test(source)) throw new Error(`a port compiled per case must not import anything (it is loaded from a data: URL): ${tag}`);
  const text = `${source}\n// compiled for the bench case: ${tag.replace(/[\r\n]/g, ' ')}\n`;
  return import(`data:text/javascript;charset=utf-8,${encodeURIComponent(text)}`);
}

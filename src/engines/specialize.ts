/**
 * A private copy of a self-contained function (one that refers only to its
 * parameters and to globals such as Math), compiled from its source.
 *
 * Why: a rule's JS loop calls its rounding function `r` after every operation.
 * V8 keeps type feedback per function literal, so once one loop has seen both
 * Math.fround (f32) and the identity (f64), every call becomes polymorphic and
 * the loop runs about 15 times slower, in both dtypes. One copy per dtype keeps
 * each call site monomorphic and inlined. Where the page's security policy
 * forbids compiling code, the shared function is returned: same results, slower.
 *
 * `tag` must differ between copies: newer V8 (Chromium 156's; Node 20's does
 * not show it) reuses what it compiled for a `new Function` text it has seen,
 * and two copies from the same text shared their type feedback, which undid the point (measured in
 * the bench page: 14.6 ms per 128K Adam update in f32, and f64 slowed from
 * 0.64 to 7.1 ms after it). A comment naming the copy makes the texts differ.
 */
export function specialize<F extends (...args: never[]) => unknown>(fn: F, tag: string): F {
  if (compilingRefused) return fn;
  const source = `/* ${tag.replace(/\*\//g, '')} */ ${Function.prototype.toString.call(fn)}`;
  // A function expression or arrow, or method shorthand (`js(p, g) {...}`), which needs an object around it.
  for (const body of [`return (${source});`, `return ({ ${source} })[${JSON.stringify(fn.name)}];`]) {
    try {
      const copy: unknown = new Function(body)();
      if (typeof copy === 'function') return copy as F;
    } catch (e) {
      // A SyntaxError: not this form of source. An EvalError: compiling code is not allowed here.
      if (e instanceof EvalError) {
        compilingRefused = true;
        break;
      }
    }
  }
  return fn;
}

/**
 * Set when this realm refuses to compile code (a Content-Security-Policy
 * without 'unsafe-eval'): no copy is tried again, so such a page's policy
 * reports one violation, not two for every rule an optimizer uses.
 */
let compilingRefused = false;

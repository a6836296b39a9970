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
 */
export function specialize<F extends (...args: never[]) => unknown>(fn: F): F {
  const source = Function.prototype.toString.call(fn);
  // A function expression or arrow, or method shorthand (`js(p, g) {...}`), which needs an object around it.
  for (const body of [`return (${source});`, `return ({ ${source} })[${JSON.stringify(fn.name)}];`]) {
    try {
      const copy: unknown = new Function(body)();
      if (typeof copy === 'function') return copy as F;
    } catch {
      // not this form of source, or compiling code is not allowed here
    }
  }
  return fn;
}

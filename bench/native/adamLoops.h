// The book's Adam step in native code, one element at a time and in SSE2 f64x2 (the WebAssembly kernel's
// instruction set), with its order of operations (no FMA, IEEE sqrt and div): shared by the native benchmarks.
#ifndef ADAM_LOOPS_H
#define ADAM_LOOPS_H
#include <immintrin.h>

__attribute__((optimize("no-tree-vectorize")))
static void adam_scalar(double *p, const double *g, double *m, double *v, long n,
                        double b1c, double b2c, double lrT, double eps) {
  for (long i = 0; i < n; i++) {
    double m1 = m[i] + b1c * (g[i] - m[i]);
    double v1 = v[i] + b2c * (g[i] * g[i] - v[i]);
    m[i] = m1;
    v[i] = v1;
    p[i] = p[i] - (lrT * m1) / (__builtin_sqrt(v1) + eps);
  }
}

static void adam_f64x2(double *p, const double *g, double *m, double *v, long n,
                       double b1c, double b2c, double lrT, double eps) {
  const __m128d B1 = _mm_set1_pd(b1c), B2 = _mm_set1_pd(b2c), L = _mm_set1_pd(lrT), E = _mm_set1_pd(eps);
  long i = 0;
  for (; i + 2 <= n; i += 2) {
    __m128d gi = _mm_loadu_pd(g + i), mi = _mm_loadu_pd(m + i), vi = _mm_loadu_pd(v + i);
    __m128d m1 = _mm_add_pd(mi, _mm_mul_pd(B1, _mm_sub_pd(gi, mi)));
    __m128d v1 = _mm_add_pd(vi, _mm_mul_pd(B2, _mm_sub_pd(_mm_mul_pd(gi, gi), vi)));
    _mm_storeu_pd(m + i, m1);
    _mm_storeu_pd(v + i, v1);
    __m128d step = _mm_div_pd(_mm_mul_pd(L, m1), _mm_add_pd(_mm_sqrt_pd(v1), E));
    _mm_storeu_pd(p + i, _mm_sub_pd(_mm_loadu_pd(p + i), step));
  }
  adam_scalar(p + i, g + i, m + i, v + i, n - i, b1c, b2c, lrT, eps);
}
#endif

// How fast can the seed's Adam run on this CPU with the seed's exact arithmetic?
//
// The same per-element operations as assembly/adam.ts (no FMA, IEEE sqrt and
// div), compiled natively three ways: scalar (one element at a time, what the
// plain-JS port's machine code does at best), SSE2 f64x2 (the WebAssembly
// kernel's instruction set) and AVX f64x4 (wider than WebAssembly allows).
// It prints ns per element at cache-resident sizes, so the README can show the
// ceiling of "f64x2 kernel ÷ scalar code" for a loop bound by the divider.
//
//   bash bench/native/adamCeiling.sh
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "adamLoops.h"
#include "timing.h"

typedef void (*adam_fn)(double *p, const double *g, double *m, double *v, long n,
                        double b1c, double b2c, double lrT, double eps);

__attribute__((target("avx")))
static void adam_f64x4(double *p, const double *g, double *m, double *v, long n,
                       double b1c, double b2c, double lrT, double eps) {
  const __m256d B1 = _mm256_set1_pd(b1c), B2 = _mm256_set1_pd(b2c), L = _mm256_set1_pd(lrT), E = _mm256_set1_pd(eps);
  long i = 0;
  for (; i + 4 <= n; i += 4) {
    __m256d gi = _mm256_loadu_pd(g + i), mi = _mm256_loadu_pd(m + i), vi = _mm256_loadu_pd(v + i);
    __m256d m1 = _mm256_add_pd(mi, _mm256_mul_pd(B1, _mm256_sub_pd(gi, mi)));
    __m256d v1 = _mm256_add_pd(vi, _mm256_mul_pd(B2, _mm256_sub_pd(_mm256_mul_pd(gi, gi), vi)));
    _mm256_storeu_pd(m + i, m1);
    _mm256_storeu_pd(v + i, v1);
    __m256d step = _mm256_div_pd(_mm256_mul_pd(L, m1), _mm256_add_pd(_mm256_sqrt_pd(v1), E));
    _mm256_storeu_pd(p + i, _mm256_sub_pd(_mm256_loadu_pd(p + i), step));
  }
  adam_scalar(p + i, g + i, m + i, v + i, n - i, b1c, b2c, lrT, eps);
}

#define ROUNDS 31

int main(void) {
  const long sizes[] = {1024, 16384, 131072};
  const adam_fn fns[] = {adam_scalar, adam_f64x2, adam_f64x4};
  printf("| size | scalar ns/elem | f64x2 ns/elem | f64x4 ns/elem | scalar ÷ f64x2 | scalar ÷ f64x4 |\n");
  printf("| --- | ---: | ---: | ---: | ---: | ---: |\n");
  for (int s = 0; s < 3; s++) {
    long n = sizes[s];
    double *p = aligned_alloc(64, n * 8), *g = aligned_alloc(64, n * 8);
    double *m = aligned_alloc(64, n * 8), *v = aligned_alloc(64, n * 8);
    for (long i = 0; i < n; i++) {
      p[i] = (double)(i % 97) / 97.0 - 0.5;
      g[i] = 1e-3 + (double)(i % 89) / 89.0 * 9e-3; // |g| in [1e-3, 1e-2], as the bench's
      m[i] = 0;
      v[i] = 0;
    }
    long reps = 50000000L / n; // ~50M elements per sample
    double med[3];
    double t[3][ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      for (int f = 0; f < 3; f++) { // interleaved: A B C A B C ...
        double t0 = now_ns();
        for (long k = 0; k < reps; k++) fns[f](p, g, m, v, n, 0.1, 0.001, 1e-3, 1e-7);
        t[f][r] = (now_ns() - t0) / ((double)reps * n);
      }
    }
    for (int f = 0; f < 3; f++) {
      qsort(t[f], ROUNDS, sizeof(double), cmp);
      med[f] = t[f][ROUNDS / 2];
    }
    printf("| %ld | %.2f | %.2f | %.2f | %.2f× | %.2f× |\n", n, med[0], med[1], med[2], med[0] / med[1], med[0] / med[2]);
    free(p); free(g); free(m); free(v);
  }
  return 0;
}

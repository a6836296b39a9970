// Whether this machine's two vCPUs are two physical cores, trial after trial.
// Each trial times two loops on one thread and on two: a divider-bound one
// (independent square roots and divisions: it needs a core's divider to
// itself) and a latency-bound one (a chain of dependent multiply-adds: it
// leaves most of a core idle). On two physical cores both scale about 2x. On
// the two hardware threads of one core (SMT siblings) the divider loop stays
// at about 1x while the chain still scales 2x. A spell of the latter is when
// simd-optim's divider-bound updates (Adam, AdaGrad, RMSProp) gain nothing
// from a second thread; bench/node/coreProbe.mjs detects it during the bench.
#include <emmintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "timing.h"

static void *divider(void *unused) {
  (void)unused;
  const __m128d one = _mm_set1_pd(1.0);
  __m128d a = _mm_set1_pd(2.0), b = _mm_set1_pd(3.0), c = _mm_set1_pd(5.0), d = _mm_set1_pd(7.0), sum = _mm_setzero_pd();
  for (long i = 0; i < 1500000; i++) {
    sum = _mm_add_pd(sum, _mm_div_pd(one, _mm_sqrt_pd(a)));
    sum = _mm_add_pd(sum, _mm_div_pd(one, _mm_sqrt_pd(b)));
    sum = _mm_add_pd(sum, _mm_div_pd(one, _mm_sqrt_pd(c)));
    sum = _mm_add_pd(sum, _mm_div_pd(one, _mm_sqrt_pd(d)));
    a = _mm_add_pd(a, one);
  }
  volatile double keep = _mm_cvtsd_f64(sum);
  (void)keep;
  return NULL;
}

static void *chain(void *unused) {
  (void)unused;
  volatile double x = 1.0;
  for (long i = 0; i < 10000000; i++) x = x * 1.0000001 + 1e-9;
  return NULL;
}

/** Two threads' throughput over one thread's, for loop `f`. */
static double scaling(void *(*f)(void *)) {
  double t0 = now_ns();
  f(NULL);
  double one = now_ns() - t0;
  pthread_t a, b;
  t0 = now_ns();
  pthread_create(&a, NULL, f, NULL);
  pthread_create(&b, NULL, f, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 2 * one / (now_ns() - t0);
}

int main(int argc, char **argv) {
  int trials = argc > 1 ? atoi(argv[1]) : 300;
  int shared = 0;
  printf("per trial (about 60 ms): '.' both loops scale, 'X' the divider loop does not (< 1.5x) while the chain does (>= 1.5x), '?' neither\n");
  for (int t = 0; t < trials; t++) {
    double div = scaling(divider), lat = scaling(chain);
    char mark = div >= 1.5 ? '.' : lat >= 1.5 ? 'X' : '?';
    shared += mark == 'X';
    putchar(mark);
    if (t % 100 == 99) putchar('\n');
    fflush(stdout);
  }
  printf("\n%d of %d trials found the two threads on one physical core's two hardware threads\n", shared, trials);
  return 0;
}

// What does a second core give the book's Adam and RMSProp on this machine, in native code?
//
// The same f64x2 (SSE2) and f32x4 loops as the WebAssembly kernels, with the
// book's order of operations (no FMA), run on one thread and then split in two
// halves over two threads that wait on a spinning flag between updates (as a
// ParamSet's workers do right after a share). Rounds alternate one thread and
// two, and the medians give "2 threads ÷ 1" per size: the ceiling the
// WebAssembly threads can be held to, set by the divider where the arrays fit
// in cache and by memory bandwidth where they do not. For Adam, a third
// contestant in the same rounds moves the rule's bytes with no divider (the
// same loads and stores, adds only) on two threads: one thread's rule ÷ that
// is the most any two-thread code could gain over one thread at that moment,
// the memory's bound. RMSProp's bytes are AdaGrad's too.
//
//   bash bench/native/threadsCeiling.sh
#include <immintrin.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "adamLoops.h"
#include "timing.h"

typedef struct {
  void *p, *g, *m, *v;
  long n;
} arrays;

static void adam_f64x2_range(arrays a, long from, long to) {
  adam_f64x2((double *)a.p + from, (double *)a.g + from, (double *)a.m + from, (double *)a.v + from, to - from, 0.1, 0.001, 1e-3, 1e-7);
}

static void adam_f32x4(arrays a, long from, long to) {
  float *p = a.p, *g = a.g, *m = a.m, *v = a.v;
  const __m128 B1 = _mm_set1_ps(0.1f), B2 = _mm_set1_ps(0.001f), L = _mm_set1_ps(1e-3f), E = _mm_set1_ps(1e-7f);
  for (long i = from; i < to; i += 4) {
    __m128 gi = _mm_loadu_ps(g + i), mi = _mm_loadu_ps(m + i), vi = _mm_loadu_ps(v + i);
    __m128 m1 = _mm_add_ps(mi, _mm_mul_ps(B1, _mm_sub_ps(gi, mi)));
    __m128 v1 = _mm_add_ps(vi, _mm_mul_ps(B2, _mm_sub_ps(_mm_mul_ps(gi, gi), vi)));
    _mm_storeu_ps(m + i, m1);
    _mm_storeu_ps(v + i, v1);
    __m128 step = _mm_div_ps(_mm_mul_ps(L, m1), _mm_add_ps(_mm_sqrt_ps(v1), E));
    _mm_storeu_ps(p + i, _mm_sub_ps(_mm_loadu_ps(p + i), step));
  }
}

// Adam's loads and stores with adds in place of the divider: the bytes alone.
static void adam_bytes_f64x2(arrays a, long from, long to) {
  double *p = a.p, *g = a.g, *m = a.m, *v = a.v;
  for (long i = from; i < to; i += 2) {
    __m128d gi = _mm_loadu_pd(g + i), m1 = _mm_add_pd(_mm_loadu_pd(m + i), gi), v1 = _mm_add_pd(_mm_loadu_pd(v + i), gi);
    _mm_storeu_pd(m + i, m1);
    _mm_storeu_pd(v + i, v1);
    _mm_storeu_pd(p + i, _mm_sub_pd(_mm_loadu_pd(p + i), _mm_add_pd(m1, v1)));
  }
}

static void adam_bytes_f32x4(arrays a, long from, long to) {
  float *p = a.p, *g = a.g, *m = a.m, *v = a.v;
  for (long i = from; i < to; i += 4) {
    __m128 gi = _mm_loadu_ps(g + i), m1 = _mm_add_ps(_mm_loadu_ps(m + i), gi), v1 = _mm_add_ps(_mm_loadu_ps(v + i), gi);
    _mm_storeu_ps(m + i, m1);
    _mm_storeu_ps(v + i, v1);
    _mm_storeu_ps(p + i, _mm_sub_ps(_mm_loadu_ps(p + i), _mm_add_ps(m1, v1)));
  }
}

// RMSProp: h = h*rho + (1-rho)*g*g; p -= lr*g/(sqrt(h)+eps), the book's order.
static void rmsprop_f64x2(arrays a, long from, long to) {
  double *p = a.p, *g = a.g, *h = a.m;
  const __m128d R = _mm_set1_pd(0.99), R1 = _mm_set1_pd(1 - 0.99), L = _mm_set1_pd(1e-2), E = _mm_set1_pd(1e-7);
  for (long i = from; i < to; i += 2) {
    __m128d gi = _mm_loadu_pd(g + i);
    __m128d h1 = _mm_add_pd(_mm_mul_pd(_mm_loadu_pd(h + i), R), _mm_mul_pd(_mm_mul_pd(R1, gi), gi));
    _mm_storeu_pd(h + i, h1);
    __m128d step = _mm_div_pd(_mm_mul_pd(L, gi), _mm_add_pd(_mm_sqrt_pd(h1), E));
    _mm_storeu_pd(p + i, _mm_sub_pd(_mm_loadu_pd(p + i), step));
  }
}

static void rmsprop_f32x4(arrays a, long from, long to) {
  float *p = a.p, *g = a.g, *h = a.m;
  const __m128 R = _mm_set1_ps(0.99f), R1 = _mm_set1_ps(1 - 0.99f), L = _mm_set1_ps(1e-2f), E = _mm_set1_ps(1e-7f);
  for (long i = from; i < to; i += 4) {
    __m128 gi = _mm_loadu_ps(g + i);
    __m128 h1 = _mm_add_ps(_mm_mul_ps(_mm_loadu_ps(h + i), R), _mm_mul_ps(_mm_mul_ps(R1, gi), gi));
    _mm_storeu_ps(h + i, h1);
    __m128 step = _mm_div_ps(_mm_mul_ps(L, gi), _mm_add_ps(_mm_sqrt_ps(h1), E));
    _mm_storeu_ps(p + i, _mm_sub_ps(_mm_loadu_ps(p + i), step));
  }
}

// RMSProp's (and AdaGrad's) loads and stores with adds in place of the divider.
static void rmsprop_bytes_f64x2(arrays a, long from, long to) {
  double *p = a.p, *g = a.g, *h = a.m;
  for (long i = from; i < to; i += 2) {
    __m128d gi = _mm_loadu_pd(g + i), h1 = _mm_add_pd(_mm_loadu_pd(h + i), gi);
    _mm_storeu_pd(h + i, h1);
    _mm_storeu_pd(p + i, _mm_sub_pd(_mm_loadu_pd(p + i), h1));
  }
}

static void rmsprop_bytes_f32x4(arrays a, long from, long to) {
  float *p = a.p, *g = a.g, *h = a.m;
  for (long i = from; i < to; i += 4) {
    __m128 gi = _mm_loadu_ps(g + i), h1 = _mm_add_ps(_mm_loadu_ps(h + i), gi);
    _mm_storeu_ps(h + i, h1);
    _mm_storeu_ps(p + i, _mm_sub_ps(_mm_loadu_ps(p + i), h1));
  }
}

typedef void (*rule_fn)(arrays, long, long);

// The helper thread: waits (spinning) for a new generation, runs the second half, says done.
static struct {
  _Atomic long gen, done;
  rule_fn rule;
  arrays a;
  long from, to;
} job;

static void *helper(void *unused) {
  (void)unused;
  long seen = 0;
  for (;;) {
    long g;
    while ((g = atomic_load(&job.gen)) == seen) _mm_pause();
    if (g < 0) return NULL;
    seen = g;
    job.rule(job.a, job.from, job.to);
    atomic_store(&job.done, g);
  }
}

static void update(rule_fn rule, arrays a, int threads) {
  if (threads == 1) {
    rule(a, 0, a.n);
    return;
  }
  long half = a.n / 2;
  job.rule = rule;
  job.a = a;
  job.from = half;
  job.to = a.n;
  long g = atomic_load(&job.gen) + 1;
  atomic_store(&job.gen, g);
  rule(a, 0, half);
  while (atomic_load(&job.done) != g) _mm_pause();
}

#define ROUNDS 21

static char *other; // what the other paths of a bench round leave in the caches
#define OTHER_BYTES (64L << 20)

/** Times `rule` on one thread and on two, and `bytes_only` on two, in interleaved rounds → the medians' ratios. */
static void measure(const char *name, rule_fn rule, rule_fn bytes_only, size_t bytes, long n, int batches) {
  // One block, the arrays back to back, as in a ParamSet's memory.
  char *block = aligned_alloc(64, 4 * n * bytes);
  memset(block, 0, 4 * n * bytes);
  arrays a = {block, block + n * bytes, block + 2 * n * bytes, block + 3 * n * bytes, n};
  for (long i = 0; i < n; i++) {
    if (bytes == 8) ((double *)a.g)[i] = 1e-3 + (double)(i % 89) / 89.0 * 9e-3;
    else ((float *)a.g)[i] = 1e-3f + (float)(i % 89) / 89.0f * 9e-3f;
  }
  // ~100M elements per sample back to back; a batch of ~10 ms (Adam f64 runs ~2 ns per element) after the caches were filled with other data.
  long reps = batches ? 1 + 5000000L / n : 1 + 100000000L / n;
  // The contestants: the rule on 1 and 2 threads, then its bytes alone on 2.
  const rule_fn rules[3] = {rule, rule, bytes_only};
  const int threads[3] = {1, 2, 2};
  double t[3][ROUNDS];
  for (int r = -2; r < ROUNDS; r++) {
    for (int k = 0; k < 3; k++) {
      if (batches) memset(other, r + k, OTHER_BYTES);
      update(rules[k], a, threads[k]); // untimed: the helper is spinning and the arrays are where the last update left them
      double t0 = now_ns();
      for (long i = 0; i < reps; i++) update(rules[k], a, threads[k]);
      if (r >= 0) t[k][r] = (now_ns() - t0) / reps / 1e6;
    }
  }
  for (int k = 0; k < 3; k++) qsort(t[k], ROUNDS, sizeof(double), cmp);
  double one = t[0][ROUNDS / 2], two = t[1][ROUNDS / 2];
  double moved = t[2][ROUNDS / 2];
  printf("| %s | %ld | %s | %.3f ms | %.3f ms | %.2f× | %.3f ms | %.2f× |\n", name, n, batches ? "10 ms batches, caches refilled" : "back to back", one, two,
         one / two, moved, one / moved);
  free(block);
}

int main(void) {
  pthread_t th;
  pthread_create(&th, NULL, helper, NULL);
  const long sizes[] = {1L << 17, 1L << 20, 1L << 23};
  other = aligned_alloc(64, OTHER_BYTES);
  printf("| rule | elements | updates | 1 thread | 2 threads | 2 threads ÷ 1 | its bytes alone, 2 threads | memory's bound on 2 ÷ 1 |\n"
         "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
  for (int batches = 0; batches < 2; batches++) {
    for (int s = 0; s < 3; s++) measure("Adam f64x2", adam_f64x2_range, adam_bytes_f64x2, 8, sizes[s], batches);
    for (int s = 0; s < 3; s++) measure("Adam f32x4", adam_f32x4, adam_bytes_f32x4, 4, sizes[s], batches);
    for (int s = 0; s < 3; s++) measure("RMSProp f64x2", rmsprop_f64x2, rmsprop_bytes_f64x2, 8, sizes[s], batches);
    for (int s = 0; s < 3; s++) measure("RMSProp f32x4", rmsprop_f32x4, rmsprop_bytes_f32x4, 4, sizes[s], batches);
  }
  atomic_store(&job.gen, -1);
  pthread_join(th, NULL);
  return 0;
}

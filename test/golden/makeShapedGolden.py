"""Golden data for the shaped optimizers (issue 14): torch.Adafactor and LAMB, run by NumPy.

    python3 test/golden/makeShapedGolden.py    # writes test/golden/shapedGolden.json and shapedGolden32.json

These two rules are not elementwise: they reduce over a key (norms, RMS) and
Adafactor keeps row and column factors of a key's matrices instead of a
full-size second moment. Their results therefore depend on the order in which
the reductions add, and that order is fixed once for every dtype and thread
count (notes/reductions-spec.md, issue 14; copied here so the script stands alone):

  - Every reduction sums float64 terms (a float32 value is promoted first; its
    square is then exact; a float64 square is one rounding).
  - Lane order (lane_sums): the sequence is cut into chunks of CHUNK = 4096;
    in a chunk of m terms, lane j (j < L; L = 2 for float64 arrays, 4 for
    float32, the SIMD width) sums the terms at chunk positions i = j (mod L)
    among the first m - (m mod L), in index order; `tail` sums the last
    (m mod L) in order; every sum starts from 0.0. A chunk's value is
    (((lane0 + lane1) + lane2) + lane3) + tail ((lane0 + lane1) + tail for
    L = 2); the total adds the chunk values in chunk order, starting from the first.
  - Column order (column_sums, Adafactor's sums down a column): chunks of CHUNK
    rows, each summed in row order from 0.0, the chunk values added in order.

torch.Adafactor follows PyTorch 2.5's documented algorithm box and its note
(row and column factors hold means, not sums); LAMB follows Optax's `lamb`
(scale_by_adam, add_decayed_weights, scale_by_trust_ratio, -lr). Each class's
docstring lists the operation order. Host scalars are Python floats computed
once per step; per-key scalars (norms, alpha, the clipping denominator, the
trust ratio) are Python floats computed once per key.

t**tau (Adafactor's beta2t = 1 - t**tau) is a real power: it is computed
correctly rounded (pow_real: exp(tau*ln t) at 60 and at 90 digits, rounded
once) and stored in the JSON ("adafactor") for the JS to check its own power.
beta**t (LAMB's bias corrections) is makeGolden.py's exact_pow.

Inputs are not stored: gradients come from makeGolden.py's hash stream
(g = w*(p - c) + noise_t, twin in test/support/gradStream.ts); the key with
index k in SHAPES is stream key k. Keys in ZERO_START start at 0 instead of the
stream's p0 (a bias: LAMB's trust ratio is 1 there at step 1, and Adafactor's
alpha is eps2*rho). Arrays are base64 little-endian, as in the other golden files.

float32 (shapedGolden32.json): the same cases on float32 arrays. Each host or
per-key scalar is computed in float64 as above and rounded once to float32
where it meets an array (cast explicitly with the array's type, so no float64
scalar can promote an array; every array is checked to stay float32); every
per-element operation is then float32, in the order written.
"""
import math
import sys
from decimal import Decimal, localcontext
from functools import lru_cache
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from makeGolden import b64, exact_pow, key_constants, noise, write  # noqa: E402  (the shared stream and encoding)

STEPS = 100
CHECKPOINTS = [1, 10, STEPS]
CHUNK = 4096
LANES = {np.float64: 2, np.float32: 4}
F32 = np.float32
# W: a matrix whose row is not a multiple of any lane count; K: a 3-D key (two 3x5 matrices);
# b: a vector (starts at 0); s: one element; L: a vector of two chunks, the second with a tail
# in both dtypes; Q: rows longer than a chunk (4096 + 3); T: columns longer than a chunk (4096 + 3:
# with one row past the chunk, chunked and sequential column sums would coincide).
SHAPES = {"W": (7, 143), "K": (2, 3, 5), "b": (33,), "s": (1,), "L": (CHUNK + 1000 + 3,),
          "Q": (2, CHUNK + 3), "T": (CHUNK + 3, 2)}
ZERO_START = ["b"]
SMALL = ["W", "K", "b", "s", "L"]
# Keys this long are stored at the last checkpoint only (their initial params and first
# gradients not at all), and the keys in STATE_ONLY (in one case) in no checkpoint, their final
# state pinning them: that keeps the float64 file under 1.5 MB.
STATE_ONLY = ["T"]
LONG = CHUNK


# ---- the fixed reduction order ------------------------------------------------------------

def lane_sums(terms, lanes):
    """Per-row sums of the 2-D float64 array `terms` (one sequence per row), in lane order.
    np.cumsum adds strictly in index order (np.sum would sum pairwise); a running sum from
    the first term equals one from 0.0 because no term is -0.0 (squares, and Adafactor's
    row factors, are >= +0)."""
    rows, n = terms.shape
    total = None
    for start in range(0, n, CHUNK):
        chunk = terms[:, start:start + CHUNK]
        m = chunk.shape[1]
        v = m - m % lanes
        lane = (np.cumsum(chunk[:, :v].reshape(rows, v // lanes, lanes), axis=1)[:, -1, :] if v
                else np.zeros((rows, lanes)))
        tail = np.cumsum(chunk[:, v:], axis=1)[:, -1] if m > v else np.zeros(rows)
        value = lane[:, 0]
        for j in range(1, lanes):
            value = value + lane[:, j]
        value = value + tail
        total = value if total is None else total + value
    return total


def lane_sum(terms, lanes):
    """One sequence's sum in lane order."""
    return float(lane_sums(terms.reshape(1, -1), lanes)[0])


def column_sums(terms):
    """Per-column sums of the 2-D float64 array `terms`, in column order."""
    total = None
    for start in range(0, terms.shape[0], CHUNK):
        value = np.cumsum(terms[start:start + CHUNK], axis=0)[-1]
        total = value if total is None else total + value
    return total


def squares(x):
    """x*x as float64 terms: exact for a float32 x, one rounding for a float64 x."""
    x = x.astype(np.float64)
    return x * x


# ---- powers -------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def pow_real(t, tau):
    """t**tau for an integer t >= 1 and a real tau, correctly rounded: exp(tau*ln t) at 60
    digits, rounded once to float64; recomputed at 90 digits so a near-tie cannot pass."""
    def at(digits):
        with localcontext() as ctx:
            ctx.prec = digits
            return float((Decimal(tau) * Decimal(t).ln()).exp())
    a, b = at(60), at(90)
    assert a == b, (t, tau)
    return a


# ---- the rules ----------------------------------------------------------------------------
# Each rule: `names` (state arrays, the JS stateOf() names), `init(shape, dtype)`, `scalars(t)`
# (host, once per step), `apply(p, g, s, c, cast)` -> new p, with the key's state arrays in s
# replaced. `cast` rounds a float64 scalar to the arrays' type where it meets them.


def matrices(shape):
    """A key of 2+ dims as (B, R, C): B = product of the leading dims, R x C row-major matrices."""
    return int(np.prod(shape[:-2], dtype=np.int64)), shape[-2], shape[-1]


class Adafactor:
    """torch.optim.Adafactor (PyTorch >= 2.5), its documented box with row and column means.
    host: beta2t = 1 - pow_real(t, beta2Decay); omb2t = 1 - beta2t; rho = min(lr, 1.0/sqrt(t));
          lrwd = lr*weightDecay
    per key (n elements, p before this step; f64 scalars):
      ssP = lane sum of p*p;  alpha = max(eps2, sqrt(ssP / n)) * rho
      p <- p - (lrwd*p)                                       (only if weightDecay != 0)
      2+ dims, each matrix (R x C):
        rowMean_i = cast((lane sum over row i of g*g) / C);  colMean_j = cast((column sum of g*g) / R)
        row <- (beta2t*row) + (omb2t*rowMean);  col <- (beta2t*col) + (omb2t*colMean)
        den = cast(max((lane sum of the new row) / R, eps1));  vhat_ij = (row_i*col_j) / den
      1 dim:  v <- (beta2t*v) + (omb2t*(g*g));  vhat = v
      u = g / max(sqrt(vhat), eps1)
      ssU = lane sum of u*u;  denom = max(1.0, sqrt(ssU / n) / d)
      p <- p - (alpha*(u / denom))
    eps1 None is the dtype's machine epsilon (PyTorch's default).
    PyTorch's code (torch/optim/_adafactor.py) computes the same quantities with other roundings,
    so it agrees to a few ulps, not bits: RMS as norm/sqrt(n), rsqrt(max(vhat, eps1**2))*g for U,
    p*(1 - lr*wd) for the decay, lerp for the factors, and p + (-alpha/denom)*u for the step.
    """
    def __init__(self, lr=1e-2, beta2Decay=-0.8, eps1=None, eps2=1e-3, d=1.0, weightDecay=0.0):
        self.h = dict(lr=lr, beta2Decay=beta2Decay, eps1=eps1, eps2=eps2, d=d, weightDecay=weightDecay)
        self.clipped = {}  # key size -> [steps with denom > 1, steps with denom == 1]
        self.floor = 0  # (step, key) pairs with RMS(p) < eps2

    def names_for(self, shape):
        return ("row", "col") if len(shape) >= 2 else ("v",)

    def init(self, shape, dtype):
        if len(shape) >= 2:
            b, r, c = matrices(shape)
            return {"row": np.zeros((b, r), dtype), "col": np.zeros((b, c), dtype)}
        return {"v": np.zeros(shape, dtype)}

    def scalars(self, t):
        h = self.h
        beta2t = 1 - pow_real(t, h["beta2Decay"])
        return {"beta2t": beta2t, "omb2t": 1 - beta2t, "rho": min(h["lr"], 1.0 / math.sqrt(t)),
                "lrwd": h["lr"] * h["weightDecay"]}

    def apply(self, p, g, s, c, cast, shape):
        h = self.h
        dtype = p.dtype.type
        lanes = LANES[dtype]
        eps1 = np.finfo(dtype).eps.item() if h["eps1"] is None else h["eps1"]
        n = p.size
        rms = math.sqrt(lane_sum(squares(p), lanes) / n)
        self.floor += rms < h["eps2"]
        alpha = max(h["eps2"], rms) * c["rho"]
        if h["weightDecay"] != 0:
            p = p - cast(c["lrwd"]) * p
        beta2t, omb2t = cast(c["beta2t"]), cast(c["omb2t"])
        if len(shape) >= 2:
            b, r, cols = matrices(shape)
            gm = g.reshape(b, r, cols)
            row_mean = (lane_sums(squares(gm).reshape(b * r, cols), lanes) / cols).reshape(b, r).astype(dtype)
            col_mean = (np.stack([column_sums(squares(gm[k])) for k in range(b)]) / r).astype(dtype)
            s["row"] = beta2t * s["row"] + omb2t * row_mean
            s["col"] = beta2t * s["col"] + omb2t * col_mean
            den = np.array([max(lane_sum(s["row"][k].astype(np.float64), lanes) / r, eps1) for k in range(b)]).astype(dtype)
            vhat = ((s["row"][:, :, None] * s["col"][:, None, :]) / den[:, None, None]).reshape(p.shape)
        else:
            s["v"] = beta2t * s["v"] + omb2t * (g * g)
            vhat = s["v"]
        u = g / np.maximum(np.sqrt(vhat), cast(eps1))
        denom = max(1.0, math.sqrt(lane_sum(squares(u), lanes) / n) / h["d"])
        self.clipped.setdefault(shape, [0, 0])[denom == 1.0] += 1
        return p - cast(alpha) * (u / cast(denom))

    def counts(self):
        by_key = ", ".join(f"{shape}: {yes}/{yes + no}" for shape, (yes, no) in self.clipped.items())
        return f"clipped by RMS(U)/d (steps) {by_key}; RMS(p) < eps2 {self.floor}"


class LAMB:
    """Optax's lamb: scale_by_adam (bias-corrected, eps outside the root, eps_root 0),
    add_decayed_weights, scale_by_trust_ratio, then -lr.
    host: omb1 = 1 - beta1, omb2 = 1 - beta2, bc1 = 1 - beta1**t, bc2 = 1 - beta2**t (exact_pow)
    per key:
      m <- (omb1*g) + (beta1*m);  v <- (omb2*(g*g)) + (beta2*v)
      u = (m / bc1) / (sqrt(v / bc2) + eps)
      u <- u + (weightDecay*p)                                (only if weightDecay != 0)
      pn = sqrt(lane sum of p*p), un = sqrt(lane sum of u*u)   (f64; p before this step)
      ratio = 1 if pn == 0 or un == 0 else pn / un
      p <- p - ((u*ratio)*lr)
    """
    names = ("m", "v")

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-6, weightDecay=0.0):
        self.h = dict(lr=lr, beta1=beta1, beta2=beta2, eps=eps, weightDecay=weightDecay)
        self.zero_norm = self.scaled = 0  # how often the ratio is 1 for a zero norm, and pn / un

    def names_for(self, shape):
        return self.names

    def init(self, shape, dtype):
        return {name: np.zeros(int(np.prod(shape)), dtype) for name in self.names}

    def scalars(self, t):
        h = self.h
        return {"omb1": 1 - h["beta1"], "omb2": 1 - h["beta2"],
                "bc1": 1 - exact_pow(h["beta1"], t), "bc2": 1 - exact_pow(h["beta2"], t)}

    def apply(self, p, g, s, c, cast, shape):
        h = self.h
        lanes = LANES[p.dtype.type]
        s["m"] = cast(c["omb1"]) * g + cast(h["beta1"]) * s["m"]
        s["v"] = cast(c["omb2"]) * (g * g) + cast(h["beta2"]) * s["v"]
        u = (s["m"] / cast(c["bc1"])) / (np.sqrt(s["v"] / cast(c["bc2"])) + cast(h["eps"]))
        if h["weightDecay"] != 0:
            u = u + cast(h["weightDecay"]) * p
        pn = math.sqrt(lane_sum(squares(p), lanes))
        un = math.sqrt(lane_sum(squares(u), lanes))
        if pn == 0 or un == 0:
            ratio = 1.0
            self.zero_norm += 1
        else:
            ratio = pn / un
            self.scaled += 1
        return p - (u * cast(ratio)) * cast(h["lr"])

    def counts(self):
        return f"ratio 1 for a zero norm {self.zero_norm}, pn/un {self.scaled}"


# ---- cases --------------------------------------------------------------------------------
# (id, optimizer, family, is-defaults, options (the rule spells out every hyperparameter), keys)
# family "torch": simd.torch.<optimizer>; family "optax": the top-level class simd.<optimizer>.

CASES = [
    ("torch/Adafactor/defaults", "Adafactor", "torch", True, {}, SMALL + ["Q", "T"]),
    ("torch/Adafactor/lr+wd", "Adafactor", "torch", False, dict(lr=0.3, weightDecay=0.05), SMALL + ["Q"]),
    ("torch/Adafactor/beta2Decay+d+eps1", "Adafactor", "torch", False, dict(beta2Decay=-0.5, d=2.0, eps1=1e-30),
     SMALL + ["Q"]),
    ("optax/LAMB/defaults", "LAMB", "optax", True, {}, SMALL),
    ("optax/LAMB/eps+wd", "LAMB", "optax", False, dict(lr=0.01, eps=1e-8, weightDecay=0.01), SMALL),
]
RULES = {"Adafactor": Adafactor, "LAMB": LAMB}
# Adafactor's t**tau for every beta2Decay above, stored for the JS power to be checked against.
TAUS = [-0.8, -0.5]


# ---- running ------------------------------------------------------------------------------

def stream():
    """Key constants and the noise of every step, for every key (stream key k = index in SHAPES)."""
    consts, noises = {}, {t: {} for t in range(1, STEPS + 1)}
    for k, key in enumerate(SHAPES):
        n = int(np.prod(SHAPES[key]))
        w, c, p0 = key_constants(k, n)
        consts[key] = (w, c, np.zeros(n) if key in ZERO_START else p0)
        for t in range(1, STEPS + 1):
            noises[t][key] = noise(k, t, n)
    return consts, noises


def gradient(consts, p, noise_t):
    """g = w*(p - c) + noise_t, in p's type (w and c already cast to it)."""
    w, centre, _ = consts
    return w * (p - centre) + noise_t.astype(p.dtype)


def run(rule, keys, consts, noises, dtype):
    """STEPS updates in `dtype` on flat arrays (a key's shape only says how the rule reads it);
    w, c and the noise are exact in float32, so the float32 stream is the same formula with
    every operation rounded to float32."""
    cast = {key: tuple(a.astype(dtype) for a in consts[key]) for key in keys}
    params = {key: cast[key][2].copy() for key in keys}
    state = {key: rule.init(SHAPES[key], dtype) for key in keys}
    checkpoints, first_grads = {}, {}
    for t in range(1, STEPS + 1):
        c = rule.scalars(t)
        for key in keys:
            g = gradient(cast[key], params[key], noises[t][key])
            if t == 1:
                first_grads[key] = g
            params[key] = rule.apply(params[key], g, state[key], c, dtype, SHAPES[key])
            assert params[key].dtype == dtype, (key, t)
            assert all(a.dtype == dtype for a in state[key].values()), (key, t)
        if t in CHECKPOINTS:
            assert all(np.isfinite(params[key]).all() for key in keys), t
            checkpoints[str(t)] = {key: b64(params[key], dtype) for key in keys
                                   if key not in STATE_ONLY and (t == STEPS or params[key].size < LONG)}
    names = sorted({name for key in keys for name in rule.names_for(SHAPES[key])})
    final = {name: {key: b64(state[key][name].ravel(), dtype) for key in keys if name in state[key]} for name in names}
    return checkpoints, final, first_grads


def run_cases(consts, noises, dtype):
    cases, inputs = [], None
    for cid, name, family, defaults, opts, keys in CASES:
        rule = RULES[name](**opts)
        checkpoints, state, first_grads = run(rule, keys, consts, noises, dtype)
        if inputs is None:
            inputs = {"case": cid, "grads": {"1": {key: b64(first_grads[key], dtype) for key in keys
                                                   if first_grads[key].size < LONG}}}
        cases.append({"id": cid, "optimizer": name, "family": family, "defaults": defaults, "options": rule.h,
                      "keys": keys, "checkpoints": checkpoints, "state": state})
        print(f"{np.dtype(dtype).name:8s} {cid:36s} {rule.counts()}", file=sys.stderr)
    return cases, inputs


def adafactor_table():
    rows = []
    for tau in TAUS:
        pows = [pow_real(t, tau) for t in range(1, STEPS + 1)]
        differ = sum(pw != t ** tau for t, pw in zip(range(1, STEPS + 1), pows))
        print(f"t**{tau}: C's pow differs from the correctly rounded power at {differ} of {STEPS} steps", file=sys.stderr)
        rows.append({"beta2Decay": tau, "pow": b64(np.array(pows)), "beta2t": b64(np.array([1 - pw for pw in pows]))})
    return rows


def reduction_table(consts, noises):
    """The reductions alone, on the long keys' initial params and first gradients (JS regenerates
    both): in float32 a reduction's float64 result is rounded to float32 before it meets an array,
    which hides its last bits, so the float32 cases cannot pin the 4-lane order; these sums do."""
    rows = []
    for dtype in (np.float64, F32):
        lanes = LANES[dtype]
        for key in ("L", "Q", "T"):
            cast = tuple(a.astype(dtype) for a in consts[key])
            for of, x in (("p0", cast[2]), ("g1", gradient(cast, cast[2], noises[1][key]))):
                row = {"dtype": "f64" if dtype == np.float64 else "f32", "key": key, "of": of,
                       "sumOfSquares": lane_sum(squares(x), lanes)}
                terms = squares(x).reshape(SHAPES[key])
                if key == "Q":  # rows longer than a chunk
                    row["rowSums"] = [float(v) for v in lane_sums(terms, lanes)]
                if key == "T":  # columns longer than a chunk
                    row["columnSums"] = [float(v) for v in column_sums(terms)]
                rows.append(row)
    return rows


def main():
    consts, noises = stream()
    ids = [c[0] for c in CASES]
    assert len(set(ids)) == len(ids)
    common = {
        "generator": "test/golden/makeShapedGolden.py",
        "numpy": np.__version__,
        "steps": STEPS,
        "checkpoints": CHECKPOINTS,
        "chunk": CHUNK,
        "shapes": {k: list(v) for k, v in SHAPES.items()},
        "zeroStart": ZERO_START,
    }
    cases, inputs = run_cases(consts, noises, np.float64)
    write("shapedGolden.json", {
        **common,
        "initial": {key: b64(consts[key][2]) for key in SHAPES if consts[key][2].size < LONG},
        "inputs": inputs,
        "cases": cases,
        "adafactor": adafactor_table(),
        "reductions": reduction_table(consts, noises),
    })
    cases, inputs = run_cases(consts, noises, F32)
    write("shapedGolden32.json", {
        **common,
        "dtype": "float32",
        "initial": {key: b64(consts[key][2].astype(F32), F32) for key in SHAPES if consts[key][2].size < LONG},
        "inputs": inputs,
        "cases": cases,
    })


if __name__ == "__main__":
    main()

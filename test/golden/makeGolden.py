"""Golden data for simd-optim: the seed's own optimizer classes, run by NumPy.

    python3 test/golden/makeGolden.py          # writes test/golden/seedGolden.json and seedGolden32.json

The classes below are the seed's (../shared/seed/000_c695e2b5153f65c3.txt),
unchanged, plus the book's Nesterov (common/optimizer.py, corrected edition)
and two subclasses that honour `lr` where the seed ignores it. Each runs
STEPS updates in float64 on a dict of several keys with odd lengths; the
gradients are a deterministic function of the params (see gradient_stream and
its twin test/support/gradStream.ts), so no gradient data has to be stored.
Arrays are written as base64 of little-endian float64, bit exact.
"""
import base64
import json
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np

# ---- the seed's classes, as written there -------------------------------------------------


class SGD:

    def __init__(self, lr = 0.01):

        self.lr = lr


    def update(self, params, grads):

        for key in params.keys():

            params[key] -= self.lr * grads[key]


class Momentum:

    def __init__(self, lr = 0.01, momentum = 0.9):

        self.v = None
        self.lr = lr
        self.momentum = momentum


    def update(self, params, grads):

        if self.v == None:

            self.v = {}

            for key, val  in params.items():
                self.v[ key ] = np.zeros_like( val )

        for key in params.keys():
            self.v[ key ] = self.momentum * self.v[ key ] - self.lr * grads[ key ]
            params[ key ] += self.v[key]


class AdaGrad:

    def __init__(self, lr = 0.01):

        self.lr = 0.01
        self.h = None


    def update(self, params, grads):

        if self.h == None:

            self.h = {}

            for key, val in params.items():

                self.h[ key ] = np.zeros_like(val)

        for key in params.keys():

            self.h[ key ] += grads[ key ] * grads[ key ]
            params[ key ] -= self.lr * grads[ key ] / ( np.sqrt( self.h[ key ] ) + 1e-7 )


class RMSProp:

    def __init__(self, lr = 0.01, decay_rate = 0.9 ):

        self.lr = 0.01
        self.decay_rate = decay_rate
        self.h = None


    def update(self, params, grads):

        if self.h is None:

            self.h = {}

            for key, val in params.items():

                self.h[ key ] = np.zeros_like(val)

        for key in params.keys():

            self.h[ key ] *= self.decay_rate
            self.h[ key ] += (1 - self.decay_rate) * grads[ key ] * grads[ key ]
            params[ key ] -= self.lr * grads[ key ] / ( np.sqrt( self.h[ key ] ) + 1e-7 )


class Adam:

    def __init__(self, lr = 0.001, beta1 = 0.9, beta2 = 0.999):

        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.m = None
        self.v = None
        self.iter = 0


    def update(self, params, grads):

        if self.m is None:

            self.m, self.v = {}, {}

            for key, val in params.items():

                self.m[ key ] = np.zeros_like( val )
                self.v[ key ] = np.zeros_like( val )

        self.iter += 1
        lr_t = self.lr * np.sqrt( 1.0 - self.beta2 ** self.iter ) / (1.0 - self.beta1 ** self.iter)

        for key in params.keys():

            self.m[ key ] += (1 - self.beta1) * (grads[ key ] - self.m[ key ])
            self.v[ key ] += (1 - self.beta2) * (grads[ key ]**2 - self.v[ key ])

            params[ key ] -= lr_t * self.m[ key ] / (np.sqrt( self.v[ key ] ) + 1e-7 )

# ---- the book's Nesterov (common/optimizer.py), parameters moved first --------------------


class Nesterov:

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {}
            for key, val in params.items():
                self.v[key] = np.zeros_like(val)

        for key in params.keys():
            params[key] += self.momentum * self.momentum * self.v[key]
            params[key] -= (1 + self.momentum) * self.lr * grads[key]
            self.v[key] *= self.momentum
            self.v[key] -= self.lr * grads[key]

# ---- the seed's lr bug fixed: simd-optim honours lr, as these do --------------------------


class AdaGradLr(AdaGrad):
    def __init__(self, lr=0.01):
        super().__init__(lr)
        self.lr = lr


class RMSPropLr(RMSProp):
    def __init__(self, lr=0.01, decay_rate=0.9):
        super().__init__(lr, decay_rate)
        self.lr = lr


# ---- float32: the seed's Adam with its step size cast to float32 ----------------------------
# On float32 arrays the seed's classes run in float32 as they are (NumPy 2 casts Python-float
# scalars to the array's type), except Adam: its lr_t is a NumPy float64 scalar, which would
# promote the param update to float64. This copy of its update adds the one cast the float32
# reference needs, after lr_t is computed in float64 exactly as the seed computes it.


class AdamF32(Adam):

    def update(self, params, grads):

        if self.m is None:

            self.m, self.v = {}, {}

            for key, val in params.items():

                self.m[ key ] = np.zeros_like( val )
                self.v[ key ] = np.zeros_like( val )

        self.iter += 1
        lr_t = self.lr * np.sqrt( 1.0 - self.beta2 ** self.iter ) / (1.0 - self.beta1 ** self.iter)
        lr_t = np.float32(lr_t)

        for key in params.keys():

            self.m[ key ] += (1 - self.beta1) * (grads[ key ] - self.m[ key ])
            self.v[ key ] += (1 - self.beta2) * (grads[ key ]**2 - self.v[ key ])

            params[ key ] -= lr_t * self.m[ key ] / (np.sqrt( self.v[ key ] ) + 1e-7 )

# ---- inputs -------------------------------------------------------------------------------

STEPS = 300
CHECKPOINTS = [1, 10, STEPS]
SHAPES = {"W1": (7, 143), "b1": (5,), "W2": (3,), "b2": (1,), "W3": (64,)}
M32 = 0xFFFFFFFF


def mix(x):
    """A 32-bit integer hash (lowbias32); exact in Python and in JS with Math.imul."""
    x ^= x >> 16
    x = (x * 0x7FEB352D) & M32
    x ^= x >> 15
    x = (x * 0x846CA68B) & M32
    x ^= x >> 16
    return x


def hash3(k, t, i):
    return mix((((k + 1) * 0x9E3779B1) ^ ((t * 0x85EBCA77) & M32) ^ (((i + 1) * 0xC2B2AE3D) & M32)) & M32)


def unit(h):
    """A dyadic number in [-0.5, 0.5): exact in float64."""
    return (h >> 8) / 16777216.0 - 0.5


def key_constants(k, n):
    """Per-element weight (a power of two, 2^-3..2^2) and centre of each key's quadratic."""
    hs = [hash3(k, 0, i) for i in range(n)]
    w = np.array([2.0 ** ((h % 6) - 3) for h in hs])
    c = np.array([unit(mix(h ^ 0x5BD1E995)) * 4.0 for h in hs])
    p0 = np.array([unit(h) * 4.0 for h in hs])
    return w, c, p0


def noise(k, t, n):
    """Step t's noise on key k: dyadic values from 2^-13 to 2^10 in size, about 1% exact zeros."""
    out = np.empty(n)
    for i in range(n):
        h1 = hash3(k, t, i)
        h2 = mix(h1 ^ 0x5BD1E995)
        out[i] = 0.0 if h2 % 97 == 0 else unit(h1) * 2.0 ** ((h2 % 24) - 12)
    return out


def gradient_stream(keys):
    """g_t = w * (p - c) + noise_t, per element; NumPy float64, one rounding per operation."""
    consts = {key: key_constants(k, int(np.prod(SHAPES[key]))) for k, key in enumerate(keys)}
    noises = {t: {key: noise(k, t, consts[key][0].size) for k, key in enumerate(keys)} for t in range(1, STEPS + 1)}
    return consts, noises


def b64(a, dtype=np.float64):
    """Little-endian bytes of `a`, which must already hold `dtype` values (no silent conversion)."""
    a = np.ascontiguousarray(a)
    assert a.dtype == dtype, (a.dtype, dtype)
    return base64.b64encode(a.astype(np.dtype(dtype).newbyteorder("<")).tobytes()).decode("ascii")


def run(make, consts, noises, keys, dtype=np.float64):
    """STEPS updates in `dtype`. The gradient's inputs (w, c, noise) are exact in float32, so the
    float32 stream is the same formula with every operation rounded to float32."""
    cast = {key: tuple(a.astype(dtype) for a in consts[key]) for key in keys}
    params = {key: cast[key][2].reshape(SHAPES[key]).copy() for key in keys}
    opt = make()
    checkpoints = {}
    for t in range(1, STEPS + 1):
        grads = {key: (cast[key][0] * (params[key].ravel() - cast[key][1]) + noises[t][key].astype(dtype)).reshape(SHAPES[key])
                 for key in keys}
        opt.update(params, grads)
        if t in CHECKPOINTS:
            checkpoints[str(t)] = {key: b64(params[key].ravel(), dtype) for key in keys}
    state = {}
    for name in ("v", "h", "m"):
        if getattr(opt, name, None) is not None:
            state[name] = {key: b64(getattr(opt, name)[key].ravel(), dtype) for key in keys}
    return checkpoints, state


# The JS names and options of each case, and the Python that makes it.
CASES = [
    ("SGD", {}, lambda: SGD()),
    ("SGD", {"lr": 0.05}, lambda: SGD(lr=0.05)),
    ("Momentum", {}, lambda: Momentum()),
    ("Momentum", {"lr": 0.003, "momentum": 0.5}, lambda: Momentum(lr=0.003, momentum=0.5)),
    ("Nesterov", {}, lambda: Nesterov()),
    ("Nesterov", {"lr": 0.002, "momentum": 0.95}, lambda: Nesterov(lr=0.002, momentum=0.95)),
    ("AdaGrad", {}, lambda: AdaGrad()),
    ("AdaGrad", {"lr": 0.3}, lambda: AdaGradLr(lr=0.3)),
    ("RMSProp", {}, lambda: RMSProp()),
    ("RMSProp", {"lr": 0.002, "decayRate": 0.99}, lambda: RMSPropLr(lr=0.002, decay_rate=0.99)),
    ("Adam", {}, lambda: Adam()),
    ("Adam", {"lr": 0.01, "beta1": 0.8, "beta2": 0.99}, lambda: Adam(lr=0.01, beta1=0.8, beta2=0.99)),
]

# Python's float ** int is C's pow: what the seed's Adam computes its bias correction with.
# glibc's pow is accurate to about half an ulp but not always correctly rounded; the exact
# value (rational arithmetic, rounded once) is written beside it so the tests can tell the two apart.
POW_BASES = [0.9, 0.999, 0.99, 0.95, 0.8, 0.5, 0.9999, 0.123456789, 0.7071067811865476]
POW_EXPONENTS = list(range(0, 3001)) + [4096, 10007, 65535]
LR_T_CASES = [(0.001, 0.9, 0.999), (0.01, 0.8, 0.99), (0.001, 0.9, 0.9999)]
LR_T_STEPS = 3000


def exact_pow(b, t):
    return float(Fraction(b) ** t)  # Fraction -> float rounds correctly


def lr_t(lr, beta1, beta2, t):
    """The seed's Adam bias-corrected step size at step t, exactly as its update computes it."""
    return lr * np.sqrt(1.0 - beta2 ** t) / (1.0 - beta1 ** t)


# In float32 the same cases, with the seed's Adam given its one cast (AdamF32).
CASES_F32 = [(name, options, (lambda o=options: AdamF32(**o)) if name == "Adam" else make)
             for name, options, make in CASES]


def run_cases(cases, consts, noises, keys, dtype):
    out = []
    for name, options, make in cases:
        checkpoints, state = run(make, consts, noises, keys, dtype)
        out.append({"optimizer": name, "options": options, "checkpoints": checkpoints, "state": state})
        print(f"{np.dtype(dtype).name:8s} {name:9s} {json.dumps(options):45s} done", file=sys.stderr)
    return out


def write(name, data):
    out = Path(__file__).with_name(name)
    out.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {out}", file=sys.stderr)


def main():
    keys = list(SHAPES)
    consts, noises = gradient_stream(keys)
    cases = run_cases(CASES, consts, noises, keys, np.float64)
    golden = {
        "generator": "test/golden/makeGolden.py",
        "numpy": np.__version__,
        "steps": STEPS,
        "shapes": {k: list(v) for k, v in SHAPES.items()},
        "initial": {key: b64(consts[key][2]) for key in keys},
        "firstGrads": {key: b64(consts[key][0] * (consts[key][2] - consts[key][1]) + noises[1][key]) for key in keys},
        "cases": cases,
        "pow": {"bases": POW_BASES, "exponents": POW_EXPONENTS,
                "values": [b64(np.array([b ** t for t in POW_EXPONENTS])) for b in POW_BASES],
                "exact": [b64(np.array([exact_pow(b, t) for t in POW_EXPONENTS])) for b in POW_BASES]},
        "lrT": [{"lr": lr, "beta1": b1, "beta2": b2,
                 "values": b64(np.array([lr_t(lr, b1, b2, t) for t in range(1, LR_T_STEPS + 1)]))}
                for lr, b1, b2 in LR_T_CASES],
    }
    write("seedGolden.json", golden)
    f32 = np.float32
    write("seedGolden32.json", {
        "generator": "test/golden/makeGolden.py",
        "numpy": np.__version__,
        "dtype": "float32",
        "steps": STEPS,
        "shapes": {k: list(v) for k, v in SHAPES.items()},
        "initial": {key: b64(consts[key][2].astype(f32), f32) for key in keys},
        "firstGrads": {key: b64(consts[key][0].astype(f32) * (consts[key][2].astype(f32) - consts[key][1].astype(f32))
                                + noises[1][key].astype(f32), f32) for key in keys},
        "cases": run_cases(CASES_F32, consts, noises, keys, f32),
    })


if __name__ == "__main__":
    main()

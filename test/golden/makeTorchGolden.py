"""Golden data for simd-optim's optimizer family beyond the seed, run by NumPy.

    python3 test/golden/makeTorchGolden.py     # writes test/golden/torchGolden.json and torchGolden32.json

PyTorch is not installable here, so each torch.optim algorithm below is written
from the algorithm box in its PyTorch documentation (torch.optim.SGD, Adam, AdamW,
RMSprop, Adagrad, Adamax, NAdam, RAdam, Adadelta), with PyTorch's defaults; Lion
(not in torch.optim) follows its paper and optax.lion. The "seed" family is the
seed's own classes (imported from makeGolden.py) with L2 weight decay added to the
gradient, and the seed's Adam with PyTorch's eps placement.

Bit-exact contract for the JS kernels: every per-element line below is one
NumPy ufunc per operation, float64, evaluated left to right as the documented
formula reads; parentheses in the code are the order. Per-step scalars (the
"host" values: bias corrections, rho_t, mu_t, ...) are computed once per step in
Python floats, exactly as written in each class's `scalars`. Python's `a*b*c`
is `(a*b)*c`. Each class's docstring lists the operation order and the places
where the documented formula leaves a choice, and which choice was made.

Powers: beta**t for an integer t uses exact_pow (rational arithmetic, rounded
once: correctly rounded), which is what src/exactPow.ts's powInt returns; C's pow
(what PyTorch would use) agrees with it at every (beta, t) used here, which the
script asserts. NAdam's 0.96**(t*psi) has a non-integer exponent: it is
computed correctly rounded too (pow096 below), so any correctly rounded pow
reproduces it; the values are stored in the JSON ("nadam") for the JS to check
its own pow against.

Inputs are not stored: gradients come from makeGolden.py's hash stream
(g = w*(p - c) + noise_t, twin in test/support/gradStream.ts), with its own key
set here. Arrays are base64 little-endian float64, as in seedGolden.json.

float32 (torchGolden32.json): the same cases on float32 arrays, the float32
gradient stream of makeGolden.py's run(..., dtype). Host scalars are the float64
values above, computed by the same code; each meets the arrays as a float32
scalar, rounded once (NumPy 2 does that to a Python float; ByRule casts the
per-step scalars with np.float32 so no float64 scalar can promote an array, and
every array is checked to stay float32). Every per-element operation is then
float32, in the order above. The seed's Adam gets makeGolden.py's one cast
(AdamF32). The NAdam/RAdam tables are not repeated: the host scalars are the same.
"""
import math
import sys
from decimal import Decimal, localcontext
from functools import lru_cache
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from makeGolden import (  # noqa: E402  (the seed's classes and the shared gradient stream)
    Adam as SeedAdam, AdamF32 as SeedAdamF32, AdaGradLr, Momentum, Nesterov, RMSPropLr, SGD as SeedSGD,
    b64, exact_pow, key_constants, noise, write)

STEPS = 300
CHECKPOINTS = [1, 10, STEPS]
F32 = np.float32
# Step 10 locates a divergence in time; the long key adds nothing there but 400 kB, so it is
# stored at steps 1 and STEPS only (a length-dependent bug shows at step 1 already).
LONG = 64
SHAPES = {"W": (7, 143), "b": (33,), "u": (5,), "v": (3,), "s": (1,)}
INPUT_CASE = "torch/Adam/defaults"  # whose gradients at steps 1, 2 and 11 are stored
INPUT_STEPS = [1, 2, 11]


@lru_cache(maxsize=None)
def powt(beta, t):
    """beta**t for integer t, correctly rounded (= powInt in src/exactPow.ts)."""
    assert beta ** t == exact_pow(beta, t), f"C pow differs from the exact power at {beta}**{t}"
    return exact_pow(beta, t)


@lru_cache(maxsize=None)
def pow096(x):
    """0.96**x for a real x, correctly rounded: exp(x*ln 0.96) at 60 digits, then
    rounded once to float64; recomputed at 90 digits to make sure the 60-digit
    result is not a near-tie."""
    def at(digits):
        with localcontext() as ctx:
            ctx.prec = digits
            return float((Decimal(x) * Decimal(0.96).ln()).exp())
    a, b = at(60), at(90)
    assert a == b, x
    return a


# ---- torch.optim, as documented ------------------------------------------------------------
# Each rule: `names` (state arrays, the JS stateOf() names), `init(n, dtype)`, `scalars(t)` (host,
# once per step), `apply(p, g, s, c, t)` -> new p (state arrays in s replaced in place).


class Rule:
    """What the torch rules share: state arrays start at zero, and L2 weight decay."""
    def init(self, n, dtype):
        return {name: np.zeros(n, dtype) for name in self.names}

    def l2(self, p, g):
        """g + (wd*p), skipped when wd == 0 as the boxes say ("if lambda != 0")."""
        wd = self.h["weightDecay"]
        return g + wd * p if wd != 0 else g

    def moments(self, g, s, c):
        """Adam's moments: m <- (beta1*m) + ((1-beta1)*g); v <- (beta2*v) + ((1-beta2)*(g*g))."""
        s["expAvg"] = self.h["beta1"] * s["expAvg"] + c["omb1"] * g
        s["expAvgSq"] = self.h["beta2"] * s["expAvgSq"] + c["omb2"] * (g * g)
        return s["expAvg"], s["expAvgSq"]


class TorchSGD(Rule):
    """torch.optim.SGD.
    g <- g + wd*p                       (only if wd != 0)
    if momentum != 0:
      t == 1: b <- g                    (buffer starts at the first gradient, no dampening)
      t > 1:  b <- (momentum*b) + ((1-dampening)*g)     (1-dampening: host)
      nesterov: g <- g + (momentum*b)   else g <- b
    p <- p - (lr*g)
    """
    def __init__(self, lr=1e-3, momentum=0.0, dampening=0.0, weightDecay=0.0, nesterov=False):
        self.h = dict(lr=lr, momentum=momentum, dampening=dampening, weightDecay=weightDecay, nesterov=nesterov)
        self.names = ("momentumBuffer",) if momentum != 0 else ()

    def scalars(self, t):
        return {"oneMinusDampening": 1 - self.h["dampening"]}

    def apply(self, p, g, s, c, t):
        h = self.h
        g = self.l2(p, g)
        if h["momentum"] != 0:
            b = h["momentum"] * s["momentumBuffer"] + c["oneMinusDampening"] * g if t > 1 else g.copy()
            s["momentumBuffer"] = b
            g = g + h["momentum"] * b if h["nesterov"] else b
        return p - h["lr"] * g


class TorchAdam(Rule):
    """torch.optim.Adam (decoupled=False) and torch.optim.AdamW (decoupled=True).
    host: bc1 = 1 - beta1**t, bc2 = 1 - beta2**t (exact pow), 1-beta1, 1-beta2, lr*wd
    AdamW: p <- p - ((lr*wd)*p)          (always, as documented; lr*wd is one host product)
    Adam:  g <- g + wd*p                 (only if wd != 0)
    m <- (beta1*m) + ((1-beta1)*g)
    v <- (beta2*v) + ((1-beta2)*(g*g))  (choice: g^2 is one term, squared first)
    mhat <- m / bc1                      (a division, not a multiplication by 1/bc1)
    amsgrad: vmax <- max(vmax, v); vhat <- vmax / bc2    (max of the raw v, as the current docs)
    else:    vhat <- v / bc2
    p <- p - ((lr*mhat) / (sqrt(vhat) + eps))
    """
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weightDecay=0.0, amsgrad=False, decoupled=False):
        self.h = dict(lr=lr, beta1=beta1, beta2=beta2, eps=eps, weightDecay=weightDecay, amsgrad=amsgrad)
        self.decoupled = decoupled
        self.names = ("expAvg", "expAvgSq") + (("maxExpAvgSq",) if amsgrad else ())

    def scalars(self, t):
        h = self.h
        return {"bc1": 1 - powt(h["beta1"], t), "bc2": 1 - powt(h["beta2"], t),
                "omb1": 1 - h["beta1"], "omb2": 1 - h["beta2"], "lrWd": h["lr"] * h["weightDecay"]}

    def apply(self, p, g, s, c, t):
        h = self.h
        if self.decoupled:
            p = p - c["lrWd"] * p
        else:
            g = self.l2(p, g)
        m, v = self.moments(g, s, c)
        mhat = m / c["bc1"]
        if h["amsgrad"]:
            s["maxExpAvgSq"] = np.maximum(s["maxExpAvgSq"], v)
            vhat = s["maxExpAvgSq"] / c["bc2"]
        else:
            vhat = v / c["bc2"]
        return p - (h["lr"] * mhat) / (np.sqrt(vhat) + h["eps"])


class TorchRMSprop(Rule):
    """torch.optim.RMSprop.
    g <- g + wd*p                                   (only if wd != 0)
    v <- (alpha*v) + ((1-alpha)*(g*g))              (1-alpha: host; g^2 squared first)
    centered: gAvg <- (gAvg*alpha) + ((1-alpha)*g); vt <- v - (gAvg*gAvg)    else vt <- v
    momentum > 0: b <- (momentum*b) + (g / (sqrt(vt) + eps)); p <- p - (lr*b)
    else:         p <- p - ((lr*g) / (sqrt(vt) + eps))
    """
    def __init__(self, lr=1e-2, alpha=0.99, eps=1e-8, weightDecay=0.0, momentum=0.0, centered=False):
        self.h = dict(lr=lr, alpha=alpha, eps=eps, weightDecay=weightDecay, momentum=momentum, centered=centered)
        self.names = ("squareAvg",) + (("gradAvg",) if centered else ()) + (("momentumBuffer",) if momentum > 0 else ())

    def scalars(self, t):
        return {"oma": 1 - self.h["alpha"]}

    def apply(self, p, g, s, c, t):
        h = self.h
        g = self.l2(p, g)
        v = h["alpha"] * s["squareAvg"] + c["oma"] * (g * g)
        s["squareAvg"] = v
        vt = v
        if h["centered"]:
            s["gradAvg"] = s["gradAvg"] * h["alpha"] + c["oma"] * g
            vt = v - s["gradAvg"] * s["gradAvg"]
        if h["momentum"] > 0:
            s["momentumBuffer"] = h["momentum"] * s["momentumBuffer"] + g / (np.sqrt(vt) + h["eps"])
            return p - h["lr"] * s["momentumBuffer"]
        return p - (h["lr"] * g) / (np.sqrt(vt) + h["eps"])


class TorchAdagrad(Rule):
    """torch.optim.Adagrad.
    host: clr = lr / (1 + ((t-1)*lrDecay))
    sum starts at initialAccumulatorValue
    g <- g + wd*p                                   (only if wd != 0)
    sum <- sum + (g*g)
    p <- p - ((clr*g) / (sqrt(sum) + eps))
    """
    def __init__(self, lr=1e-2, lrDecay=0.0, weightDecay=0.0, initialAccumulatorValue=0.0, eps=1e-10):
        self.h = dict(lr=lr, lrDecay=lrDecay, weightDecay=weightDecay,
                      initialAccumulatorValue=initialAccumulatorValue, eps=eps)
        self.names = ("sum",)

    def init(self, n, dtype):
        return {"sum": np.full(n, float(self.h["initialAccumulatorValue"]), dtype)}

    def scalars(self, t):
        return {"clr": self.h["lr"] / (1 + (t - 1) * self.h["lrDecay"])}

    def apply(self, p, g, s, c, t):
        h = self.h
        g = self.l2(p, g)
        s["sum"] = s["sum"] + g * g
        return p - (c["clr"] * g) / (np.sqrt(s["sum"]) + h["eps"])


class TorchAdamax(Rule):
    """torch.optim.Adamax.
    host: bc1 = 1 - beta1**t (exact pow), 1-beta1
    g <- g + wd*p                                   (only if wd != 0)
    m <- (beta1*m) + ((1-beta1)*g)
    u <- max(beta2*u, |g| + eps)                    (eps inside the max, as documented)
    p <- p - ((lr*m) / (bc1*u))
    """
    def __init__(self, lr=2e-3, beta1=0.9, beta2=0.999, eps=1e-8, weightDecay=0.0):
        self.h = dict(lr=lr, beta1=beta1, beta2=beta2, eps=eps, weightDecay=weightDecay)
        self.names = ("expAvg", "expInf")

    def scalars(self, t):
        return {"bc1": 1 - powt(self.h["beta1"], t), "omb1": 1 - self.h["beta1"]}

    def apply(self, p, g, s, c, t):
        h = self.h
        g = self.l2(p, g)
        s["expAvg"] = h["beta1"] * s["expAvg"] + c["omb1"] * g
        s["expInf"] = np.maximum(h["beta2"] * s["expInf"], np.abs(g) + h["eps"])
        return p - (h["lr"] * s["expAvg"]) / (c["bc1"] * s["expInf"])


class TorchNAdam(Rule):
    """torch.optim.NAdam (decoupled_weight_decay=False).
    host, per step t (muProduct is scalar state, starts at 1):
      mu     = beta1 * (1 - (0.5 * pow096(t*momentumDecay)))          t*psi: one float product
      muNext = beta1 * (1 - (0.5 * pow096((t+1)*momentumDecay)))
      muProduct <- muProduct * mu                                      (running product, prod_1^t)
      c1 = 1 - (muProduct*muNext)                                      (prod_1^{t+1})
      c2 = 1 - muProduct
      oneMinusMu = 1 - mu; bc2 = 1 - beta2**t (exact pow)
    g <- g + wd*p                                   (only if wd != 0)
    m <- (beta1*m) + ((1-beta1)*g);  v <- (beta2*v) + ((1-beta2)*(g*g))
    mhat <- ((muNext*m) / c1) + ((oneMinusMu*g) / c2)
    vhat <- v / bc2
    p <- p - ((lr*mhat) / (sqrt(vhat) + eps))
    """
    def __init__(self, lr=2e-3, beta1=0.9, beta2=0.999, eps=1e-8, weightDecay=0.0, momentumDecay=4e-3):
        self.h = dict(lr=lr, beta1=beta1, beta2=beta2, eps=eps, weightDecay=weightDecay, momentumDecay=momentumDecay)
        self.names = ("expAvg", "expAvgSq")
        self.mu_product = 1.0

    def mu(self, t):
        return self.h["beta1"] * (1 - 0.5 * pow096(t * self.h["momentumDecay"]))

    def scalars(self, t):
        mu, mu_next = self.mu(t), self.mu(t + 1)
        self.mu_product = self.mu_product * mu
        return {"mu": mu, "muNext": mu_next, "c1": 1 - self.mu_product * mu_next, "c2": 1 - self.mu_product,
                "oneMinusMu": 1 - mu, "bc2": 1 - powt(self.h["beta2"], t),
                "omb1": 1 - self.h["beta1"], "omb2": 1 - self.h["beta2"]}

    def apply(self, p, g, s, c, t):
        h = self.h
        g = self.l2(p, g)
        m, v = self.moments(g, s, c)
        mhat = (c["muNext"] * m) / c["c1"] + (c["oneMinusMu"] * g) / c["c2"]
        vhat = v / c["bc2"]
        return p - (h["lr"] * mhat) / (np.sqrt(vhat) + h["eps"])

    def scalar_state(self):
        return {"muProduct": self.mu_product}


def radam_rho(beta2, t):
    """RAdam's host scalars: rhoInf = (2/(1-beta2)) - 1; rhoT = rhoInf - (((2*t)*beta2**t) / (1-beta2**t));
    rectified when rhoT > 5, then r = sqrt((((rhoT-4)*(rhoT-2))*rhoInf) / (((rhoInf-4)*(rhoInf-2))*rhoT))."""
    rho_inf = 2 / (1 - beta2) - 1
    b2t = powt(beta2, t)
    rho_t = rho_inf - (2 * t) * b2t / (1 - b2t)
    r = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)) if rho_t > 5 else None
    return rho_inf, rho_t, r


class TorchRAdam(Rule):
    """torch.optim.RAdam (decoupled_weight_decay=False).
    host: bc1 = 1 - beta1**t, bc2 = 1 - beta2**t (exact pow), rhoT and r (radam_rho), sqrtBc2 = sqrt(bc2)
    g <- g + wd*p                                   (only if wd != 0)
    m <- (beta1*m) + ((1-beta1)*g);  v <- (beta2*v) + ((1-beta2)*(g*g))
    mhat <- m / bc1
    rhoT > 5: l <- sqrtBc2 / (sqrt(v) + eps);  p <- p - (((lr*mhat)*r)*l)
              (choice: left to right as "gamma mhat r l" reads; lr*r is NOT folded on the host)
    else:     p <- p - (lr*mhat)
    """
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weightDecay=0.0):
        self.h = dict(lr=lr, beta1=beta1, beta2=beta2, eps=eps, weightDecay=weightDecay)
        self.names = ("expAvg", "expAvgSq")

    def scalars(self, t):
        h = self.h
        _, _, r = radam_rho(h["beta2"], t)
        bc2 = 1 - powt(h["beta2"], t)
        return {"bc1": 1 - powt(h["beta1"], t), "r": r, "sqrtBc2": math.sqrt(bc2),
                "omb1": 1 - h["beta1"], "omb2": 1 - h["beta2"]}

    def apply(self, p, g, s, c, t):
        h = self.h
        g = self.l2(p, g)
        m, v = self.moments(g, s, c)
        mhat = m / c["bc1"]
        if c["r"] is None:
            return p - h["lr"] * mhat
        step_l = c["sqrtBc2"] / (np.sqrt(v) + h["eps"])
        return p - h["lr"] * mhat * c["r"] * step_l


class TorchAdadelta(Rule):
    """torch.optim.Adadelta.
    g <- g + wd*p                                   (only if wd != 0)
    v <- (v*rho) + ((g*g)*(1-rho))                  (1-rho: host)
    delta <- (sqrt(u + eps) / sqrt(v + eps)) * g    (u is the previous step's accDelta)
    u <- (u*rho) + ((delta*delta)*(1-rho))
    p <- p - (lr*delta)
    """
    def __init__(self, lr=1.0, rho=0.9, eps=1e-6, weightDecay=0.0):
        self.h = dict(lr=lr, rho=rho, eps=eps, weightDecay=weightDecay)
        self.names = ("squareAvg", "accDelta")

    def scalars(self, t):
        return {"omr": 1 - self.h["rho"]}

    def apply(self, p, g, s, c, t):
        h = self.h
        g = self.l2(p, g)
        s["squareAvg"] = s["squareAvg"] * h["rho"] + (g * g) * c["omr"]
        delta = np.sqrt(s["accDelta"] + h["eps"]) / np.sqrt(s["squareAvg"] + h["eps"]) * g
        s["accDelta"] = s["accDelta"] * h["rho"] + (delta * delta) * c["omr"]
        return p - h["lr"] * delta


class Lion(Rule):
    """Lion (Chen et al. 2023; optax.lion): decoupled weight decay, scaled by lr.
    c <- (beta1*m) + ((1-beta1)*g)
    u <- sign(c)                                    (sign(0) = 0)
    u <- u + (wd*p)                                 (only if wd != 0; p before this step)
    p <- p - (lr*u)
    m <- (beta2*m) + ((1-beta2)*g)
    """
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.99, weightDecay=0.0):
        self.h = dict(lr=lr, beta1=beta1, beta2=beta2, weightDecay=weightDecay)
        self.names = ("expAvg",)

    def scalars(self, t):
        return {"omb1": 1 - self.h["beta1"], "omb2": 1 - self.h["beta2"]}

    def apply(self, p, g, s, c, t):
        h = self.h
        u = np.sign(h["beta1"] * s["expAvg"] + c["omb1"] * g)
        if h["weightDecay"] != 0:
            u = u + h["weightDecay"] * p
        s["expAvg"] = h["beta2"] * s["expAvg"] + c["omb2"] * g
        return p - h["lr"] * u


class ByRule:
    """A per-element rule driven like the seed's classes: update(params, grads) on a dict.
    In float32 the step's host scalars (float64) are rounded to float32 once, here."""
    def __init__(self, rule, dtype=np.float64):
        self.rule, self.t, self.s, self.dtype = rule, 0, None, dtype

    def update(self, params, grads):
        if self.s is None:
            self.s = {key: self.rule.init(p.size, self.dtype) for key, p in params.items()}
        self.t += 1
        c = self.rule.scalars(self.t)
        if self.dtype == F32:
            c = {name: None if x is None else F32(x) for name, x in c.items()}
        for key in params:
            params[key] = self.rule.apply(params[key], grads[key], self.s[key], c, self.t)

    def state(self):
        return {name: {key: s[name] for key, s in self.s.items()} for name in self.rule.names}

    def scalar_state(self):
        return getattr(self.rule, "scalar_state", dict)()


# ---- the seed's classes with options ------------------------------------------------------


class SeedWithDecay:
    """The seed's class, fed g + (wd*p): L2 weight decay on the gradient, p before the update."""
    def __init__(self, seed, wd, names):
        self.seed, self.wd, self.names = seed, wd, names

    def update(self, params, grads):
        self.seed.update(params, {key: grads[key] + self.wd * params[key] for key in grads})

    def state(self):
        return {name: getattr(self.seed, name) for name in self.names}

    def scalar_state(self):
        return {}


class SeedAdamTorchEps:
    """The seed's Adam with PyTorch's eps placement (epsConvention 'torch'):
    host: bc1 = 1 - beta1**t, bc2 = 1 - beta2**t (exact pow), 1-beta1, 1-beta2
    m <- m + ((1-beta1)*(g - m));  v <- v + ((1-beta2)*((g*g) - v))       (the seed's moments)
    p <- p - ((lr*(m / bc1)) / (sqrt(v / bc2) + eps))
    """
    names = ("m", "v")

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7, wd=0.0):
        self.lr, self.beta1, self.beta2, self.eps, self.wd = lr, beta1, beta2, eps, wd
        self.m, self.v, self.t = None, None, 0

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(p) for key, p in params.items()}
            self.v = {key: np.zeros_like(p) for key, p in params.items()}
        self.t += 1
        bc1, bc2 = 1 - powt(self.beta1, self.t), 1 - powt(self.beta2, self.t)
        for key in params:
            g = grads[key] + self.wd * params[key] if self.wd != 0 else grads[key]
            self.m[key] = self.m[key] + (1 - self.beta1) * (g - self.m[key])
            self.v[key] = self.v[key] + (1 - self.beta2) * (g * g - self.v[key])
            params[key] = params[key] - (self.lr * (self.m[key] / bc1)) / (np.sqrt(self.v[key] / bc2) + self.eps)

    def state(self):
        return {"m": self.m, "v": self.v}

    def scalar_state(self):
        return {}


class SeedRMSPropEpsInSqrt:
    """The seed's RMSProp with eps inside the square root (epsInSqrt: the TF.js, Keras and Optax placement):
    h <- h*d ; h <- h + ((1-d)*g)*g ; p <- p - (lr*g) / sqrt(h + eps)      (the seed's order otherwise)
    """
    names = ("h",)

    def __init__(self, lr=0.01, decay_rate=0.9, eps=1e-7):
        self.lr, self.decay_rate, self.eps, self.h = lr, decay_rate, eps, None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(p) for key, p in params.items()}
        for key in params:
            self.h[key] *= self.decay_rate
            self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / np.sqrt(self.h[key] + self.eps)

    def state(self):
        return {"h": self.h}

    def scalar_state(self):
        return {}


# ---- cases ----------------------------------------------------------------------------------
# (id, optimizer, family, options with every hyperparameter spelled out, is-defaults, factory(dtype))

def torch_case(name, cls, label, defaults, **opts):
    rule = cls(**opts)
    return (f"torch/{name}/{label}", name, "torch", dict(rule.h), defaults, lambda dtype: ByRule(cls(**opts), dtype))


def adamw_case(label, defaults, **opts):
    def make(dtype):
        return ByRule(TorchAdam(decoupled=True, **opts), dtype)
    return (f"torch/AdamW/{label}", "AdamW", "torch", dict(TorchAdam(**opts).h), defaults, make)


def seed_case(name, label, options, make):
    return (f"seed/{name}/{label}", name, "seed", options, False, make)


CASES = [
    torch_case("SGD", TorchSGD, "defaults", True),
    torch_case("SGD", TorchSGD, "momentum", False, lr=0.01, momentum=0.9),
    torch_case("SGD", TorchSGD, "momentum+dampening", False, lr=0.01, momentum=0.9, dampening=0.5),
    torch_case("SGD", TorchSGD, "nesterov+wd", False, lr=0.01, momentum=0.9, nesterov=True, weightDecay=0.01),
    torch_case("SGD", TorchSGD, "wd", False, lr=0.01, weightDecay=0.05),
    torch_case("Adam", TorchAdam, "defaults", True),
    torch_case("Adam", TorchAdam, "wd", False, weightDecay=0.01),
    torch_case("Adam", TorchAdam, "amsgrad", False, amsgrad=True),
    torch_case("Adam", TorchAdam, "amsgrad+wd+betas", False, lr=0.01, beta1=0.8, beta2=0.99, eps=1e-6,
               weightDecay=0.05, amsgrad=True),
    adamw_case("defaults", True, weightDecay=0.01),
    adamw_case("amsgrad+wd", False, lr=0.003, weightDecay=0.1, amsgrad=True),
    torch_case("RMSprop", TorchRMSprop, "defaults", True),
    torch_case("RMSprop", TorchRMSprop, "centered", False, centered=True),
    torch_case("RMSprop", TorchRMSprop, "momentum", False, lr=0.001, momentum=0.9),
    torch_case("RMSprop", TorchRMSprop, "centered+momentum+wd", False, lr=0.001, alpha=0.9, momentum=0.8,
               centered=True, weightDecay=0.01),
    torch_case("Adagrad", TorchAdagrad, "defaults", True),
    torch_case("Adagrad", TorchAdagrad, "lrDecay+initialAccumulator", False, lr=0.1, lrDecay=0.01,
               initialAccumulatorValue=0.1),
    torch_case("Adagrad", TorchAdagrad, "wd+eps", False, lr=0.05, weightDecay=0.02, eps=1e-8),
    torch_case("Adamax", TorchAdamax, "defaults", True),
    torch_case("Adamax", TorchAdamax, "wd+betas", False, lr=0.01, beta1=0.8, beta2=0.99, weightDecay=0.01),
    torch_case("NAdam", TorchNAdam, "defaults", True),
    torch_case("NAdam", TorchNAdam, "wd+momentumDecay", False, lr=0.01, beta1=0.95, beta2=0.99,
               weightDecay=0.01, momentumDecay=8e-3),
    torch_case("RAdam", TorchRAdam, "defaults", True),
    torch_case("RAdam", TorchRAdam, "wd+betas", False, lr=0.01, beta1=0.8, beta2=0.99, weightDecay=0.01),
    torch_case("Adadelta", TorchAdadelta, "defaults", True),
    torch_case("Adadelta", TorchAdadelta, "rho+wd", False, lr=0.5, rho=0.95, weightDecay=0.01),
    torch_case("Lion", Lion, "defaults", True),
    torch_case("Lion", Lion, "wd", False, lr=3e-4, weightDecay=0.1),
    seed_case("SGD", "wd", {"lr": 0.01, "weightDecay": 0.01},
              lambda dtype: SeedWithDecay(SeedSGD(lr=0.01), 0.01, ())),
    seed_case("Momentum", "wd", {"lr": 0.01, "momentum": 0.9, "weightDecay": 0.01},
              lambda dtype: SeedWithDecay(Momentum(lr=0.01, momentum=0.9), 0.01, ("v",))),
    seed_case("Nesterov", "wd", {"lr": 0.01, "momentum": 0.9, "weightDecay": 0.01},
              lambda dtype: SeedWithDecay(Nesterov(lr=0.01, momentum=0.9), 0.01, ("v",))),
    seed_case("AdaGrad", "wd", {"lr": 0.1, "eps": 1e-7, "weightDecay": 0.01},
              lambda dtype: SeedWithDecay(AdaGradLr(lr=0.1), 0.01, ("h",))),
    seed_case("RMSProp", "wd", {"lr": 0.01, "decayRate": 0.9, "eps": 1e-7, "weightDecay": 0.01, "epsInSqrt": False},
              lambda dtype: SeedWithDecay(RMSPropLr(lr=0.01, decay_rate=0.9), 0.01, ("h",))),
    seed_case("RMSProp", "epsInSqrt", {"lr": 0.002, "decayRate": 0.99, "eps": 1e-6, "weightDecay": 0.0, "epsInSqrt": True},
              lambda dtype: SeedRMSPropEpsInSqrt(lr=0.002, decay_rate=0.99, eps=1e-6)),
    seed_case("Adam", "wd", {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7, "weightDecay": 0.01,
                             "epsConvention": "book"},
              lambda dtype: SeedWithDecay((SeedAdamF32 if dtype == F32 else SeedAdam)(lr=0.001), 0.01, ("m", "v"))),
    seed_case("Adam", "torchEps", {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7, "weightDecay": 0.0,
                                   "epsConvention": "torch"},
              lambda dtype: SeedAdamTorchEps()),
    seed_case("Adam", "torchEps+wd+eps", {"lr": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 1e-8,
                                          "weightDecay": 0.01, "epsConvention": "torch"},
              lambda dtype: SeedAdamTorchEps(lr=0.01, beta1=0.8, beta2=0.99, eps=1e-8, wd=0.01)),
]


# ---- running -------------------------------------------------------------------------------

def stream(keys):
    consts = {key: key_constants(k, int(np.prod(SHAPES[key]))) for k, key in enumerate(keys)}
    noises = {t: {key: noise(k, t, consts[key][0].size) for k, key in enumerate(keys)} for t in range(1, STEPS + 1)}
    return consts, noises


def run(make, consts, noises, keys, dtype, keep_grads=False):
    """STEPS updates in `dtype`; w, c and the noise are exact in float32, so the float32
    stream is the same formula with every operation rounded to float32."""
    cast = {key: tuple(a.astype(dtype) for a in consts[key]) for key in keys}
    params = {key: cast[key][2].copy() for key in keys}
    opt = make(dtype)
    checkpoints, grads_at = {}, {}
    for t in range(1, STEPS + 1):
        grads = {key: cast[key][0] * (params[key] - cast[key][1]) + noises[t][key].astype(dtype) for key in keys}
        if keep_grads and t in INPUT_STEPS:
            grads_at[str(t)] = {key: b64(grads[key], dtype) for key in keys}
        opt.update(params, grads)
        if dtype == F32:  # a float64 scalar anywhere would have promoted an array
            assert all(params[key].dtype == F32 for key in keys), t
            assert all(a.dtype == F32 for by_key in opt.state().values() for a in by_key.values()), t
        if t in CHECKPOINTS:
            assert all(np.isfinite(params[key]).all() for key in keys), t
            checkpoints[str(t)] = {key: b64(params[key], dtype) for key in keys
                                   if t in (1, STEPS) or params[key].size < LONG}
    state = {name: {key: b64(np.asarray(arr).ravel(), dtype) for key, arr in by_key.items()}
             for name, by_key in opt.state().items()}
    return checkpoints, state, opt.scalar_state(), grads_at


def tables():
    """Per-step host scalars the JS must reproduce exactly, for its own tests of pow and order."""
    nadam = []
    for b1, psi in [(0.9, 4e-3), (0.95, 8e-3)]:
        rule = TorchNAdam(beta1=b1, momentumDecay=psi)
        ts = range(1, STEPS + 2)
        nadam.append({"beta1": b1, "momentumDecay": psi,
                      "pow": b64(np.array([pow096(t * psi) for t in ts])),
                      "mu": b64(np.array([rule.mu(t) for t in ts]))})
    radam = []
    for b2 in [0.999, 0.99]:
        rows = [radam_rho(b2, t) for t in range(1, STEPS + 1)]
        gaps = [abs(rho_t - 5) for _, rho_t, _ in rows]
        assert min(gaps) > 1e-6, "a step sits on the rectification threshold"
        radam.append({"beta2": b2, "rhoInf": rows[0][0],
                      "rhoT": b64(np.array([rho_t for _, rho_t, _ in rows])),
                      "r": b64(np.array([0.0 if r is None else r for _, _, r in rows])),
                      "firstRectified": next(t for t, (_, _, r) in enumerate(rows, 1) if r is not None)})
    return nadam, radam


def run_cases(consts, noises, keys, dtype):
    cases, inputs = [], None
    for cid, name, family, options, defaults, make in CASES:
        checkpoints, state, scalars, grads_at = run(make, consts, noises, keys, dtype, keep_grads=cid == INPUT_CASE)
        if grads_at:
            inputs = {"case": cid, "grads": grads_at}
        case = {"id": cid, "optimizer": name, "family": family, "defaults": defaults, "options": options,
                "checkpoints": checkpoints, "state": state}
        if scalars:
            case["scalarState"] = scalars
        cases.append(case)
        print(f"{np.dtype(dtype).name:8s} {cid:45s} done", file=sys.stderr)
    return cases, inputs


def main():
    keys = list(SHAPES)
    consts, noises = stream(keys)
    ids = [c[0] for c in CASES]
    assert len(set(ids)) == len(ids)
    common = {
        "generator": "test/golden/makeTorchGolden.py",
        "numpy": np.__version__,
        "steps": STEPS,
        "checkpoints": CHECKPOINTS,
        "shapes": {k: list(v) for k, v in SHAPES.items()},
    }
    cases, inputs = run_cases(consts, noises, keys, np.float64)
    nadam, radam = tables()
    write("torchGolden.json", {
        **common,
        "initial": {key: b64(consts[key][2]) for key in keys},
        "inputs": inputs,
        "cases": cases,
        "nadam": nadam,
        "radam": radam,
    })
    cases, inputs = run_cases(consts, noises, keys, F32)
    write("torchGolden32.json", {
        **common,
        "dtype": "float32",
        "initial": {key: b64(consts[key][2].astype(F32), F32) for key in keys},
        "inputs": inputs,
        "cases": cases,
    })


if __name__ == "__main__":
    main()

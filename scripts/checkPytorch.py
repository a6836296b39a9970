"""Cross-checks simd-optim's torch.* optimizers against real PyTorch (not run in CI).

    npm run check:pytorch          # = npm run build && /usr/bin/python3 scripts/checkPytorch.py
    /usr/bin/python3 scripts/checkPytorch.py [--steps 12] [--seed 1] [--markdown]

Needs Debian's python3-torch (1.13.1; `apt-get install -y python3-torch`), which
only the system interpreter /usr/bin/python3 sees, and a built package (dist/).

Each case draws random params and gradients (NumPy, seeded), runs them through
torch.optim and through simd-optim (scripts/checkPytorchRun.mjs, by node, on the
same bits), in float64 and float32, and compares the params after every step:

  max ulp   largest distance in units in the last place of the dtype
  max rel   largest |a - b| / max(|a|, |b|) over the elements
  max relΔ  largest max_i |Δa_i - Δb_i| / max_i |Δb_i| over the steps (i runs over
            every element of every key), where
            Δ = p_t - p_0 is the change the optimizer made so far: the figure a
            real difference in the algorithm moves to ~1e-2 or more, whatever
            the params' own size
  max |Δ|   the largest change of any param (how far the run moved: not nothing)

PyTorch's operation order differs from simd-optim's (fused addcdiv/addcmul,
step_size = lr / bc1 folded first, ...), so the bits differ; rounding alone keeps
relΔ near the dtype's epsilon times the step count. A case is flagged LARGE when
relΔ exceeds LIMIT below, and the script then exits 1.

Two things about PyTorch 1.13 the script accounts for:
- Its state scalars (`step`, NAdam's `mu_product`) are `torch.tensor(1.)`, in the
  default dtype, float32 unless changed: the float64 runs set the default dtype to
  float64 so those scalars do not round the float64 run to float32.
- Its NAdam multiplies mu_t twice into the next product (mu_product_next =
  mu_product * mu * mu_next after mu_product *= mu; fixed in 2.0, which uses
  mu_product * mu_next, as the algorithm in its documentation and simd-optim do).
  The bug acts from the first step, so there is no early step where both agree:
  NAdam is compared against 1.13's single-tensor NAdam with that one product
  corrected (patched_single_tensor_nadam below), and also reported as shipped,
  where it must show a large difference (that row is expected and not flagged).

Lion is not in torch.optim and is not checked here. The book's classes (SGD,
Momentum, ..., Adam) are pinned by NumPy golden data, not by PyTorch.
"""
import argparse
import base64
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import torch
import torch.optim.nadam as torch_nadam

ROOT = Path(__file__).resolve().parent.parent
SHAPES = {"W": 61, "b": 7, "s": 1}  # odd lengths: every SIMD tail
DTYPES = {"f64": (np.float64, torch.float64), "f32": (np.float32, torch.float32)}
# relΔ beyond which a case is flagged: rounding alone stays orders of magnitude below.
LIMIT = {"f64": 1e-9, "f32": 5e-4}

# Each case: torch.optim class, simd-optim options (camelCase, as src/optimizers/torch/*),
# and an optional gradient transform applied before the step (clipNorm / clipValue).
CASES = [
    ("SGD", {"lr": 0.05}),
    ("SGD", {"lr": 0.05, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.3, "weightDecay": 0.01}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("SGD", {"lr": 0.05, "momentum": 0.5, "clipValue": 0.4}),
    ("Adam", {"lr": 0.01}),
    ("Adam", {"lr": 0.01, "weightDecay": 0.05}),
    ("Adam", {"lr": 0.01, "amsgrad": True, "beta2": 0.99}),
    ("Adam", {"lr": 0.01, "clipNorm": 1.0}),
    ("AdamW", {"lr": 0.01}),
    ("AdamW", {"lr": 0.01, "weightDecay": 0.1, "amsgrad": True}),
    ("Adamax", {"lr": 0.01}),
    ("Adamax", {"lr": 0.01, "weightDecay": 0.05, "beta1": 0.8}),
    ("NAdam", {"lr": 0.01}),
    ("NAdam", {"lr": 0.01, "weightDecay": 0.05, "momentumDecay": 0.04}),
    ("RAdam", {"lr": 0.01}),
    ("RAdam", {"lr": 0.01, "weightDecay": 0.05, "beta2": 0.99}),
    ("RMSprop", {"lr": 0.01}),
    ("RMSprop", {"lr": 0.01, "centered": True}),
    ("RMSprop", {"lr": 0.01, "momentum": 0.9, "weightDecay": 0.05}),
    ("RMSprop", {"lr": 0.01, "centered": True, "momentum": 0.9, "alpha": 0.9}),
    ("Adagrad", {"lr": 0.1}),
    ("Adagrad", {"lr": 0.1, "lrDecay": 0.05, "initialAccumulatorValue": 0.1}),
    ("Adagrad", {"lr": 0.1, "weightDecay": 0.05}),
    ("Adadelta", {}),
    ("Adadelta", {"lr": 0.5, "rho": 0.8, "weightDecay": 0.05}),
]

# simd-optim's option name -> torch.optim's keyword (betas are put together below).
TORCH_KEYWORDS = {
    "lr": "lr", "eps": "eps", "weightDecay": "weight_decay", "amsgrad": "amsgrad",
    "momentum": "momentum", "dampening": "dampening", "nesterov": "nesterov",
    "alpha": "alpha", "centered": "centered", "lrDecay": "lr_decay",
    "initialAccumulatorValue": "initial_accumulator_value",
    "momentumDecay": "momentum_decay", "rho": "rho",
}
# torch.optim's default betas, to fill the other one in when a case sets one.
DEFAULT_BETAS = {"Adam": (0.9, 0.999), "AdamW": (0.9, 0.999), "Adamax": (0.9, 0.999), "NAdam": (0.9, 0.999), "RAdam": (0.9, 0.999)}


def torch_keywords(name, options):
    kw = {TORCH_KEYWORDS[k]: v for k, v in options.items() if k in TORCH_KEYWORDS}
    if "beta1" in options or "beta2" in options:
        b1, b2 = DEFAULT_BETAS[name]
        kw["betas"] = (options.get("beta1", b1), options.get("beta2", b2))
    return kw


def patched_single_tensor_nadam(params, grads, exp_avgs, exp_avg_sqs, mu_products, state_steps, *,
                                beta1, beta2, lr, weight_decay, momentum_decay, eps):
    """1.13's single-tensor NAdam step, operation for operation, except the product for
    mu_{t+1}: prod_1^t mu_i * mu_{t+1} (PyTorch 2.0's fix) in place of 1.13's
    prod_1^t mu_i * mu_t * mu_{t+1}."""
    for param, grad, m, v, product, step_t in zip(params, grads, exp_avgs, exp_avg_sqs, mu_products, state_steps):
        step_t += 1
        t = step_t.item()
        bc2 = 1 - beta2 ** t
        if weight_decay != 0:
            grad = grad.add(param, alpha=weight_decay)
        mu = beta1 * (1. - 0.5 * (0.96 ** (t * momentum_decay)))
        mu_next = beta1 * (1. - 0.5 * (0.96 ** ((t + 1) * momentum_decay)))
        product *= mu
        product_next = product * mu_next  # 1.13: product * mu * mu_next
        m.mul_(beta1).add_(grad, alpha=1 - beta1)
        v.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
        denom = v.div(bc2).sqrt().add_(eps)
        param.addcdiv_(grad, denom, value=-lr * (1. - mu) / (1. - product.item()))
        param.addcdiv_(m, denom, value=-lr * mu_next / (1. - product_next.item()))


SHIPPED_NADAM = torch_nadam._single_tensor_nadam


def run_torch(name, options, dtype, initial, grads, nadam_as_shipped=False):
    """Params after each step, by torch.optim (single-tensor code path, as 1.13 defaults to)."""
    np_dtype, torch_dtype = DTYPES[dtype]
    torch.set_default_dtype(torch_dtype)  # the dtype of the optimizers' scalar state tensors
    torch_nadam._single_tensor_nadam = SHIPPED_NADAM if nadam_as_shipped else patched_single_tensor_nadam
    params = {k: torch.tensor(p, dtype=torch_dtype) for k, p in initial.items()}
    opt = getattr(torch.optim, name)(list(params.values()), **torch_keywords(name, options))
    out = []
    for step in grads:
        for k, p in params.items():
            p.grad = torch.tensor(step[k], dtype=torch_dtype)
        if "clipValue" in options:
            torch.nn.utils.clip_grad_value_(list(params.values()), options["clipValue"])
        if "clipNorm" in options:
            torch.nn.utils.clip_grad_norm_(list(params.values()), options["clipNorm"])
        opt.step()
        out.append({k: p.detach().numpy().astype(np_dtype, copy=True) for k, p in params.items()})
    torch.set_default_dtype(torch.float32)
    return out


def b64(a):
    return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode()


def unb64(s, dtype):
    return np.frombuffer(base64.b64decode(s), dtype=DTYPES[dtype][0]).copy()


def draw_inputs(rng, steps, dtype):
    """Params ~ N(0, 1); each step's gradients ~ N(0, 1) times a per-step scale in [1e-3, 10]."""
    np_dtype = DTYPES[dtype][0]
    initial = {k: rng.standard_normal(n).astype(np_dtype) for k, n in SHAPES.items()}
    grads = []
    for _ in range(steps):
        scale = 10.0 ** rng.uniform(-3, 1)
        grads.append({k: (rng.standard_normal(n) * scale).astype(np_dtype) for k, n in SHAPES.items()})
    return initial, grads


def ordered(a):
    """Each float's place on the line of all floats of its dtype, as Python ints (exact, no overflow):
    the bits' magnitude, negated for negative numbers, so the ulp distance is a difference."""
    bits = a.view(np.int64 if a.dtype == np.float64 else np.int32).astype(np.int64)
    magnitude = bits & np.int64(0x7FFFFFFFFFFFFFFF if a.dtype == np.float64 else 0x7FFFFFFF)
    return [int(m) if b >= 0 else -int(m) for b, m in zip(bits, magnitude)]


def distances(ours, theirs, initial):
    """(max ulp, max rel, max relΔ, max |Δ|) over every step; relΔ per step over all keys together."""
    ulp, rel, rel_delta, most = 0, 0.0, 0.0, 0.0
    for a_step, b_step in zip(ours, theirs):
        a = np.concatenate([a_step[k] for k in initial])
        b = np.concatenate([b_step[k] for k in initial])
        p0 = np.concatenate([initial[k] for k in initial]).astype(np.float64)
        ulp = max([ulp] + [abs(x - y) for x, y in zip(ordered(a), ordered(b))])
        a, b = a.astype(np.float64), b.astype(np.float64)
        scale = np.maximum(np.abs(a), np.abs(b))
        rel = max(rel, float(np.max(np.abs(a - b) / np.where(scale > 0, scale, 1))))
        moved = np.max(np.abs(b - p0))
        most = max(most, float(moved))
        if moved > 0:
            rel_delta = max(rel_delta, float(np.max(np.abs((a - p0) - (b - p0))) / moved))
    return ulp, rel, rel_delta, most


def label(name, options):
    rest = ", ".join(f"{k} {json.dumps(v)}" for k, v in options.items() if k != "lr")
    return f"{name} ({rest})" if rest else name


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--steps", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown (docs/pytorch-crosscheck.md)")
    args = ap.parse_args()

    rng = np.random.default_rng(args.seed)
    runs = []  # (name, options, dtype, initial, grads)
    for name, options in CASES:
        for dtype in DTYPES:
            runs.append((name, options, dtype, *draw_inputs(rng, args.steps, dtype)))
    request = {"cases": [{"optimizer": n, "options": o, "dtype": d, "initial": {k: b64(p) for k, p in i.items()},
                          "grads": [{k: b64(g) for k, g in s.items()} for s in gs]} for n, o, d, i, gs in runs]}
    reply = subprocess.run(["node", str(ROOT / "scripts" / "checkPytorchRun.mjs")], input=json.dumps(request),
                           capture_output=True, text=True, check=True, cwd=ROOT)
    answer = json.loads(reply.stdout)

    rows, large = [], []
    for (name, options, dtype, initial, grads), result in zip(runs, answer["results"]):
        ours = [{k: unb64(s, dtype) for k, s in step.items()} for step in result]
        shipped = [False, True] if name == "NAdam" else [False]
        for as_shipped in shipped:
            theirs = run_torch(name, options, dtype, initial, grads, nadam_as_shipped=as_shipped)
            ulp, rel, rel_delta, most = distances(ours, theirs, initial)
            what = label(name, options) + (" — torch 1.13 as shipped (double μ)" if as_shipped else "")
            flagged = rel_delta > LIMIT[dtype]
            verdict = ("large, as expected" if flagged else "SMALL: the double μ should show") if as_shipped else ("LARGE" if flagged else "ok")
            if flagged != as_shipped:
                large.append(what + " " + dtype)
            rows.append((what, dtype, ulp, rel, rel_delta, most, verdict))

    head = f"torch {torch.__version__}, numpy {np.__version__}, simd-optim backend {answer['backend']}, " \
           f"{args.steps} steps, seed {args.seed}, keys {SHAPES}"
    if args.markdown:
        print(head + "\n")
        print("| algorithm (options besides lr) | dtype | max ulp | max rel | max relΔ | max \\|Δ\\| | verdict |")
        print("|---|---|---:|---:|---:|---:|---|")
        for what, dtype, ulp, rel, rd, most, verdict in rows:
            print(f"| {what} | {dtype} | {ulp} | {rel:.1e} | {rd:.1e} | {most:.1e} | {verdict} |")
    else:
        print(head)
        print(f"{'algorithm':<80} {'dtype':<5} {'max ulp':>15} {'max rel':>8} {'max relΔ':>8} {'max |Δ|':>8}  verdict")
        for what, dtype, ulp, rel, rd, most, verdict in rows:
            print(f"{what:<80} {dtype:<5} {ulp:>15} {rel:>8.1e} {rd:>8.1e} {most:>8.1e}  {verdict}")
    if large:
        print("\nunexpected: " + "; ".join(large), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

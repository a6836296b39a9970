// Kernels of PyTorch-form optimizers (group A), registered here as one line per
// rule and dtype, in the pattern of assembly/index.ts.

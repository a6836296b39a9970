// Kernels of PyTorch-form optimizers (group B), registered here as one line per
// rule and dtype, in the pattern of assembly/index.ts.

// Types shared by both entry points.
import type { AdaGradHyper, AdamHyper, LAMBHyper, MomentumHyper, NesterovHyper, RMSPropHyper, SGDHyper } from './optimizers/all.js';

export type { Dict } from './checkDicts.js';
export type { CommonHyper, Schedule } from './hyperparameters.js';
export type { ParamGroup } from './paramGroups.js';
export type { OptimizerState } from './snapshot.js';
export type { ArrayOf, Dtype, FloatArray } from './dtype.js';
export type { UpdatePath } from './engines/engine.js';
export type { Backend, CommonOptions, Optimizer } from './optimizer.js';
export type { Options, OptimizerClass, OptimizerOf } from './optimizerClass.js';
export type { ParamSetOptions, Size } from './paramSet.js';
export type { AdaGradHyper, AdamHyper, LAMBHyper, MomentumHyper, NesterovHyper, RMSPropHyper, SGDHyper };

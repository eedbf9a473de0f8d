import { AppError } from '@memegraph/contracts';
import { type CallTree, TreeBuilder, buildCallTree, finishTree, sampleFrames } from './call-tree';
import { type FilterOptions, applyFilters, hasFilters } from './filters';
import { buildFrameTable } from './frames';
import { type ProfileModel } from './profile.model';
import { resolveSampleIndex } from './sample-index';

/**
 * The sandwich view of one function: every path into it (callers, merged into a tree rooted
 * at the function and growing towards main) and every path out of it (callees, rooted at the
 * function and growing towards leaves). A recursive function is cut at its outermost
 * occurrence in each stack, so each sample counts once and both trees total the function's
 * cum weight.
 */
export interface Sandwich {
  function: string;
  sampleType: string;
  unit: string;
  /** Weight of samples whose stack contains the function (pprof's cum). */
  cum: number;
  /** Weight of samples where the function is the leaf (pprof's flat). */
  flat: number;
  /** Root's single child is the function; below it, its callers, outward. */
  callers: CallTree;
  /** Root's single child is the function; below it, what it calls. */
  callees: CallTree;
}

export interface SandwichOptions {
  sampleIndex?: string | number;
  filters?: FilterOptions;
  minFraction?: number;
}

export function sandwich(model: ProfileModel, functionName: string, options: SandwichOptions = {}): Sandwich {
  const vi = resolveSampleIndex(model, options.sampleIndex);
  const m = hasFilters(options.filters) ? applyFilters(model, options.filters) : model;
  const frames = buildFrameTable(m, 'functions');
  const target = frames.names.indexOf(functionName);
  const st = m.sampleTypes[vi]!;
  if (target < 0) throw new AppError('NOT_FOUND', `function "${functionName}" does not appear in the profile`);
  const callers = new TreeBuilder(frames.names.length);
  const callees = new TreeBuilder(frames.names.length);
  const T = m.sampleTypes.length;
  const path: number[] = [];
  let cum = 0;
  let flat = 0;
  for (let s = 0; s < m.sampleCount; s++) {
    const w = m.values[s * T + vi]!;
    if (w === 0) continue;
    sampleFrames(m, frames, s, path);
    const at = path.indexOf(target);
    if (at < 0) continue;
    cum += w;
    if (path[path.length - 1] === target) flat += w;
    // Callers: from the function back to the outermost caller.
    callers.add(path, at, -1, w);
    // Callees: from the function down to the leaf.
    callees.add(path, at, path.length, w);
  }
  const minFraction = options.minFraction ?? 0;
  return {
    function: functionName,
    sampleType: st.type,
    unit: st.unit,
    cum,
    flat,
    callers: finishTree(callers, frames.names, st.type, st.unit, minFraction, false, frames.files),
    callees: finishTree(callees, frames.names, st.type, st.unit, minFraction, false, frames.files),
  };
}

/** The bottom-up (inverted) tree: leaf functions first, each expanded into its callers. */
export function bottomUpTree(model: ProfileModel, options: SandwichOptions = {}): CallTree {
  return buildCallTree(model, { ...options, inverted: true });
}

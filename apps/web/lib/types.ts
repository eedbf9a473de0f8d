import { type callTreeToJSON, type GoroutineGroup, type GoroutineReport, type TopRow, type TopTable } from '@memegraph/pprof';
import { type Meme } from '@memegraph/memes';

/** Response shapes of the profile views, taken from the libraries that produce them. */
export type { GoroutineGroup, GoroutineReport, Meme, TopRow, TopTable };

/** GET /profiles/:id/flamegraph: the call tree as parallel arrays (libs/pprof callTreeToJSON). */
export type FlameJSON = ReturnType<typeof callTreeToJSON>;

/** GET /profiles/:id/sandwich?fn=NAME */
export interface SandwichJSON {
  function: string;
  sampleType: string;
  unit: string;
  flat: number;
  cum: number;
  callers: FlameJSON;
  callees: FlameJSON;
}

/**
 * GET /profiles/diff?base=&new= (not served yet). Coded against what libs/pprof's ProfileDiff
 * holds: a merged tree whose total/self are the new profile's and baseTotal/baseSelf the base's.
 * The tree may come as `tree` or as the body itself.
 */
export interface DiffJSON extends Partial<FlameJSON> {
  sampleType?: string;
  unit?: string;
  baseTotal?: number;
  newTotal?: number;
  scale?: number;
  normalize?: string;
  tree?: FlameJSON;
}

export interface MemeList {
  items: Meme[];
}

/** Caps that keep hostile or accidental input from exhausting memory. Overridable per call. */
export interface ProfileLimits {
  /** Largest accepted input as given (compressed or not). */
  maxInputBytes: number;
  /** Largest accepted protobuf or text after gunzip: a gzip bomb stops here instead of inflating. */
  maxDecompressedBytes: number;
  maxSamples: number;
  maxLocations: number;
  /** Sum of all stack lengths; bounds the memory a profile of very deep stacks can take. */
  maxStackFrames: number;
  /** Goroutines accepted from one text dump. */
  maxGoroutines: number;
}

export const DEFAULT_LIMITS: ProfileLimits = {
  maxInputBytes: 64 * 1024 * 1024,
  maxDecompressedBytes: 512 * 1024 * 1024,
  maxSamples: 20_000_000,
  maxLocations: 5_000_000,
  maxStackFrames: 200_000_000,
  maxGoroutines: 5_000_000,
};

export const withLimits = (overrides: Partial<ProfileLimits> = {}): ProfileLimits => ({ ...DEFAULT_LIMITS, ...overrides });

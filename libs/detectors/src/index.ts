export * from './analyze';
export * from './confidence';
export * from './finding';
export * from './fixes';
export * from './go-names';
export * from './inputs';
export * from './thresholds';
export { type Candidate, type DetectorClassId, type EvidenceFamily } from './candidate';
export { blockKind, type BlockKind } from './detectors/goroutines';

export * from './alert-input';
export * from './calibration';
export * from './diagnosis-model';
export * from './diagnosis.schema';
export { ALERT_RULE_WEIGHT, FINDING_WEIGHT, type Calibration } from './scoring';
export * from './signatures';
export * from './text-features';
export * from './text-model';
export * from './model-holder';

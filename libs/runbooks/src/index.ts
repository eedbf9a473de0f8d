export * from './promql';
export * from './publish-check';
export * from './markdown-runbook';
export * from './classify-runbook';

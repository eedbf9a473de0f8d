export * from './job-queue';
export * from './profile-queue';
export * from './redis';
export { type Worker, UnrecoverableError } from 'bullmq';
export * from './event-bus';
export * from './pending-alerts';

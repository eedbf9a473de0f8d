import { type Command } from '../command';
import { summaryCommand } from './summary.command';

/** Every command of `memegraph`, in the order --help lists them. */
export const commands: Command[] = [summaryCommand];

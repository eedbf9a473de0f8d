import { type Command } from '../command';
import { analyzeCommand } from './analyze.command';
import { captureCommand } from './capture.command';
import { diagnoseCommand } from './diagnose.command';
import { diffCommand } from './diff.command';
import { flameCommand } from './flame.command';
import { goroutinesCommand } from './goroutines.command';
import { importRunbooksCommand } from './import-runbooks.command';
import { summaryCommand } from './summary.command';
import { topCommand } from './top.command';
import { ocrCommand } from './ocr.command';

/** Every command of `memegraph`, in the order --help lists them. */
export const commands: Command[] = [summaryCommand, topCommand, flameCommand, diffCommand, goroutinesCommand, captureCommand, analyzeCommand, diagnoseCommand, importRunbooksCommand, ocrCommand];

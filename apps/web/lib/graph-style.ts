import { type MessageKey } from './messages';

/** One colour per node label, shared by the canvas and its legend (readable on both themes). */
export const LABEL_COLORS: Record<string, string> = {
  RootCause: '#ff8a3d',
  Incident: '#ff5d5d',
  Service: '#4dabf7',
  Meme: '#b57bff',
  Alert: '#f5c451',
  Diagnosis: '#f783ac',
  Finding: '#e8590c',
  Fix: '#3ecf8e',
  Commit: '#20c997',
  Engineer: '#94a3b8',
  Profile: '#74c0fc',
  Capture: '#a9e34b',
};

export const labelColor = (label: string): string => LABEL_COLORS[label] ?? '#9aa3b2';

export const LABEL_KEYS: Record<string, MessageKey> = {
  RootCause: 'graphLabel.RootCause',
  Incident: 'graphLabel.Incident',
  Service: 'graphLabel.Service',
  Meme: 'graphLabel.Meme',
  Alert: 'graphLabel.Alert',
  Diagnosis: 'graphLabel.Diagnosis',
  Finding: 'graphLabel.Finding',
  Fix: 'graphLabel.Fix',
  Commit: 'graphLabel.Commit',
  Engineer: 'graphLabel.Engineer',
  Profile: 'graphLabel.Profile',
  Capture: 'graphLabel.Capture',
};

import type { Finding, ScanStats } from '../types.js';
import { githubReport } from './github.js';
import { jsonReport } from './json.js';
import { presentable } from './redact.js';
import { sarifReport } from './sarif.js';
import { textReport } from './text.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportOptions {
  format: Format;
  redact: boolean;
  color: boolean;
  quiet: boolean;
  verbose: boolean;
  version: string;
}

/** Renders findings in one format; secrets are masked unless redaction is turned off. */
export function renderReport(findings: Finding[], stats: ScanStats, options: ReportOptions): string {
  const shown = presentable(findings, options.redact);
  switch (options.format) {
    case 'json':
      return jsonReport(shown, stats);
    case 'sarif':
      return sarifReport(shown, options.version);
    case 'github':
      return githubReport(shown);
    case 'text':
      return textReport(shown, stats, options);
  }
}

// The library: `import { scan } from 'leakguard'`.
export { scan, prepareScanner, type ScanOptions, type Scanner } from './scan.js';
export { Engine } from './engine/engine.js';
export { loadCatalog } from './engine/catalog.js';
export { renderReport, FORMATS, type Format, type ReportOptions } from './report/index.js';
export { redactSecret } from './report/redact.js';
export { LeakguardError } from './errors.js';
export type { Finding, Fragment, Match, Rule, ScanResult, ScanStats, Skipped, Severity, SourceKind, Allowlist } from './types.js';

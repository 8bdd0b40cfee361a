import { nowMs } from './clock.js';
import { formatBytes } from './format-bytes.js';

/**
 * A one-line progress bar on stderr for history and range scans: commits done of total, MB/s,
 * findings so far. Only on a terminal; redrawn at most ten times a second.
 */
export class Progress {
  private commits = 0;
  private total = 0;
  private bytes = 0;
  private findings = 0;
  private lastDraw = 0;
  private readonly started = nowMs();

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  static forTerminal(): Progress | null {
    return process.stderr.isTTY ? new Progress() : null;
  }

  setTotal(total: number): void {
    this.total = total;
  }

  commit(): void {
    this.commits++;
    this.draw();
  }

  scanned(bytes: number): void {
    this.bytes += bytes;
  }

  found(findings: number): void {
    this.findings = findings;
  }

  finish(): void {
    this.stream.write('\r\u001b[2K');
  }

  private draw(): void {
    const now = nowMs();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? `${formatBytes(this.bytes / seconds)}/s` : '';
    const width = 24;
    const done = this.total > 0 ? Math.min(width, Math.round((this.commits / this.total) * width)) : 0;
    const bar = this.total > 0 ? `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ` : '';
    const of = this.total > 0 ? `/${this.total}` : '';
    this.stream.write(`\r\u001b[2K${bar}${this.commits}${of} commits · ${rate} · ${this.findings} found`);
  }
}

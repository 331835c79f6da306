/** A progress bar on stderr for runs over a second (on a terminal, or with DOUDI_PROGRESS=1). */
import type { Io } from './command.ts';

export class ProgressBar {
  private readonly start = Date.now();
  private last = 0;
  private shown = false;
  private finished = false;
  private readonly on: boolean;
  constructor(
    private readonly label: string,
    private readonly io: Io,
  ) {
    this.on = Boolean(process.stderr.isTTY) || process.env.DOUDI_PROGRESS === '1';
  }
  update = (done: number, total: number): void => {
    const t = Date.now();
    // Workers report progress on ports of their own: a report may come after the answer.
    if (!this.on || this.finished || t - this.start < 1000 || t - this.last < 100) return;
    this.last = t;
    this.shown = true;
    const f = total > 0 ? Math.min(1, done / total) : 0;
    const width = 30;
    const bar = '█'.repeat(Math.round(f * width)).padEnd(width, '░');
    this.io.err(`\r${this.label} ${bar} ${(f * 100).toFixed(0).padStart(3)}%  ${((t - this.start) / 1000).toFixed(1)} s`);
  };
  done(): void {
    this.finished = true;
    if (this.shown) this.io.err('\n');
  }
}

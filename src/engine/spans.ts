import { lastBefore } from '../sorted.js';

interface Span {
  start: number;
  end: number;
}

/** Fixed spans, asked whether any overlaps a given one: sorted once, then a binary search. */
export class SpanIndex {
  private readonly starts: number[];
  /** the largest end among the spans up to each position */
  private readonly reach: number[];

  constructor(spans: readonly Span[]) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((s) => s.start);
    this.reach = [];
    let reach = -Infinity;
    for (const s of sorted) this.reach.push((reach = Math.max(reach, s.end)));
  }

  overlaps(start: number, end: number): boolean {
    const i = lastBefore(this.starts, end);
    return i >= 0 && this.reach[i] > start;
  }
}

/** Disjoint spans, kept sorted as they are added. */
export class DisjointSpans {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  overlaps(start: number, end: number): boolean {
    // disjoint and sorted: only the last span starting before `end` can reach past `start`
    const i = lastBefore(this.starts, end);
    return i >= 0 && this.ends[i] > start;
  }

  /** Adds a span that overlaps none already here. */
  add(start: number, end: number): void {
    const at = lastBefore(this.starts, end) + 1;
    this.starts.splice(at, 0, start);
    this.ends.splice(at, 0, end);
  }
}

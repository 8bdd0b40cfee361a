import type { Finding, Fragment } from '../types.js';

interface Seen {
  finding: Finding;
  /** position of the introducing commit in scan order */
  at: number;
  /** position of the commit that deleted it, if one did */
  deletedAt?: number;
}

/**
 * History and ranges: a secret (its fingerprint: rule, secret, path) is reported once, at the
 * first commit that added it, with a count of the later commits that still carried it — those
 * scanned after it, up to the one whose removed lines took it out. Commits arrive oldest first.
 */
export class FirstSeen {
  private readonly seen = new Map<string, Seen>();
  private readonly byPath = new Map<string, Seen[]>();
  private commits = 0;
  private lastCommit: string | null = null;

  /** Called for every fragment, in order, before its findings. */
  noteFragment(fragment: Fragment): void {
    if (fragment.commit && fragment.commit !== this.lastCommit) {
      this.lastCommit = fragment.commit;
      this.commits++;
    }
    if (!fragment.removed || fragment.path === null) return;
    for (const s of this.byPath.get(fragment.path) ?? []) {
      if (s.deletedAt === undefined && fragment.removed.includes(s.finding.secret)) s.deletedAt = this.commits - 1;
    }
  }

  /** True for the first finding of a secret; later ones are folded into it. */
  keep(finding: Finding): boolean {
    const previous = this.seen.get(finding.fingerprint);
    if (previous) {
      if (previous.deletedAt !== undefined) previous.deletedAt = undefined; // added back: still carried
      return false;
    }
    const entry: Seen = { finding, at: this.commits - 1 };
    this.seen.set(finding.fingerprint, entry);
    if (finding.file !== null && finding.source !== 'message') {
      this.byPath.set(finding.file, [...(this.byPath.get(finding.file) ?? []), entry]);
    }
    return true;
  }

  /** How many commits the scan went through. */
  get commitCount(): number {
    return this.commits;
  }

  /** Sets `laterCommits` on every kept finding once the scan is over. */
  finish(): void {
    for (const s of this.seen.values()) {
      const end = s.deletedAt ?? this.commits;
      s.finding.laterCommits = Math.max(0, end - s.at - 1);
    }
  }
}

// A run's timeline: for each tick that ran, the boxes used just before it, how many of
// them were garbage, and the pause ticks the collector spent before it.
//
// Kept as three columns of numbers rather than an object a tick: a big level's run has
// 50,000 ticks, and a comparison's seven runs made 350,000 small objects that all lived to
// the end, each copied twice by the garbage collector on the way.
//
// A state made from another (a step in play, a review's copy) takes a fork of its
// timeline: the same columns, and its own length. Points are only ever added at the end
// and never changed, so a fork sees exactly its points whatever the others add; only a
// timeline that adds a point where another has already written one (a step after an
// undo) copies its points to columns of its own first. So play's 200 undo states share
// one set of columns instead of holding 200 copies of a 50,000-tick timeline.

export interface TimelinePoint {
  /** Boxes allocated just before the tick ran. */
  used: number;
  /** Of those, boxes held by values no root reaches. */
  garbage: number;
  /** Pause ticks the collector spent just before this tick. */
  pause: number;
}

/** The columns a timeline is made of: what survives a structured clone (a worker's message) of one. */
export interface TimelineColumns {
  used: Int32Array;
  garbage: Int32Array;
  pause: Int32Array;
  length: number;
}

const FIRST_ROOM = 64;

export class Timeline implements TimelineColumns {
  /** Column by column; only the first `length` entries are this timeline's points (the rest is room to grow, or another fork's). */
  used: Int32Array;
  garbage: Int32Array;
  pause: Int32Array;
  length = 0;
  /** How many entries of these columns hold a point, written by this timeline or a fork of it: shared by all of them. */
  private written: { count: number } = { count: 0 };

  constructor(room = FIRST_ROOM) {
    this.used = new Int32Array(room);
    this.garbage = new Int32Array(room);
    this.pause = new Int32Array(room);
  }

  /** A timeline of these points. */
  static of(points: readonly TimelinePoint[]): Timeline {
    const t = new Timeline(Math.max(FIRST_ROOM, points.length));
    for (const p of points) t.push(p.used, p.garbage, p.pause);
    return t;
  }

  /** The timeline made of these columns, taken as they are (a worker's message brings a timeline as its bare columns). */
  static fromColumns(c: TimelineColumns): Timeline {
    const t = new Timeline(0);
    t.used = c.used;
    t.garbage = c.garbage;
    t.pause = c.pause;
    t.length = c.length;
    t.written = { count: c.length };
    return t;
  }

  push(used: number, garbage: number, pause: number): void {
    const i = this.length;
    // Where a fork has written past this timeline's end, its points are not this one's to overwrite.
    if (i === this.used.length || i !== this.written.count) this.grow(Math.max(FIRST_ROOM, 2 * i));
    this.used[i] = used;
    this.garbage[i] = garbage;
    this.pause[i] = pause;
    this.length = i + 1;
    this.written.count = i + 1;
  }

  usedAt(t: number): number {
    return this.used[t] as number;
  }

  garbageAt(t: number): number {
    return this.garbage[t] as number;
  }

  pauseAt(t: number): number {
    return this.pause[t] as number;
  }

  at(t: number): TimelinePoint {
    return { used: this.usedAt(t), garbage: this.garbageAt(t), pause: this.pauseAt(t) };
  }

  points(): TimelinePoint[] {
    const out: TimelinePoint[] = new Array(this.length);
    for (let t = 0; t < this.length; t++) out[t] = this.at(t);
    return out;
  }

  /** A timeline of its first `end` points (all of them by default) on the same columns: nothing is copied. */
  fork(end = this.length): Timeline {
    const t = new Timeline(0);
    t.used = this.used;
    t.garbage = this.garbage;
    t.pause = this.pause;
    t.length = Math.min(Math.max(0, end), this.length);
    t.written = this.written;
    return t;
  }

  /** As `--json` prints it: a point a tick. */
  toJSON(): TimelinePoint[] {
    return this.points();
  }

  /** Moves its points to columns of its own, with room for `room`: the old ones stay as they are for its forks. */
  private grow(room: number): void {
    const grown = (column: Int32Array) => {
      const next = new Int32Array(room);
      next.set(column.subarray(0, this.length));
      return next;
    };
    this.used = grown(this.used);
    this.garbage = grown(this.garbage);
    this.pause = grown(this.pause);
    this.written = { count: this.length };
  }
}

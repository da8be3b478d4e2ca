/**
 * Trace → Mermaid `sequenceDiagram` text. Pure and deterministic (golden files): the same trace
 * and options always give the same text.
 *
 * Every piece of text in a statement goes through `escapeLabel`, whether it came from an exercise
 * file (host names, spoofed addresses, titles) or from us; participant ids are generated (`h0`,
 * `h1`, ...), never taken from the file.
 */
import type { Lang } from '../common/text';
import type { SegmentRecord, Trace } from '../engine/types';
import { crossingRuns } from './crossing';
import { escapeLabel } from './escape';
import { durationText, hostDisplay, segmentLabel, timerText, word, type NumberMode } from './labels';
import { PHASE_COLORS, segmentPhases, type Phase } from './phases';
import { buildTimeline, connectionPeer, DEFAULT_HIDDEN_FIELDS, stateHider, timerVisibility, type StateHide, type TimelineItem } from './timeline';

export { escapeLabel } from './escape';
export { pageFor } from './timeline';

export interface MermaidOptions {
  /** `relative`: seq from the sender's ISS, ack from the receiver's (like Wireshark). Default absolute. */
  numbers?: NumberMode;
  lang?: Lang;
  /** Step-through: segments 1..upTo, and the events before segment upTo+1 is sent. */
  upTo?: number;
  /** Quiz mode: segment `segment` with `fields` shown as `?` (default: flags, seq, ack and len). */
  hide?: { segment: number; fields?: string[] };
  /** Quiz mode for state questions (every open one): each host's state from the asked stop on shows `?`. */
  hideState?: readonly StateHide[];
  /** Paging: segments from..to only; participants stay. See `pageFor`. */
  window?: { from: number; to: number };
  /** A `title` line (e.g. the exercise title). */
  title?: string;
  /** Add `win=` to segment labels. Default false. */
  showWindow?: boolean;
}


/** A diagram line before indentation: text plus its nesting depth. */
interface Line {
  depth: number;
  text: string;
}

/** A note over one host; `state` marks a state change (not a timer), `byCall` one a user call made. */
type Note = { kind: 'note'; host: string; text: string; t: number; state: boolean; byCall: boolean };

/**
 * Whether `note` is the state change that sends `rec`: over its sender, at its send time (CLOSE →
 * FIN-WAIT-1 then the FIN; a SYN arriving → SYN-RECEIVED then the SYN,ACK). When segments cross it
 * opens that segment's branch, not the end of the previous one.
 */
const leadsTo = (note: Entry, rec: SegmentRecord): boolean => note.kind === 'note' && note.state && note.host === rec.from && note.t === rec.sentAt;
type Arrow = { kind: 'arrow'; rec: SegmentRecord };
type Entry = Note | Arrow;

/** A segment (or a run of crossing segments) with the notes that follow it. */
interface Unit {
  segs: SegmentRecord[];
  entries: Entry[];
  crossing: boolean;
}

export function renderMermaid(trace: Trace, opts: MermaidOptions = {}): string {
  const lang = opts.lang ?? 'en';
  const ids = participantIds(trace);
  const id = (name: string): string => ids.get(name) ?? 'h0';
  const lines: Line[] = [{ depth: 0, text: 'sequenceDiagram' }];
  const emit = (depth: number, text: string): void => {
    lines.push({ depth, text });
  };
  if (opts.title !== undefined && opts.title.trim() !== '') emit(1, `title ${escapeLabel(opts.title)}`);

  // Participants: scenario hosts in their order, then foreign addresses as they appear.
  const injectedFrom = new Set(trace.segments.filter((r) => r.injected).map((r) => r.from));
  for (const [name, pid] of ids) {
    const d = hostDisplay(trace, name);
    const second = d.address ?? `(${word(injectedFrom.has(name) ? 'spoofed' : 'unknownHost', lang)})`;
    emit(1, `participant ${pid} as ${escapeLabel(d.name)}<br/>${escapeLabel(second)}`);
  }
  const allIds = [...ids.values()];
  const overAll = allIds.length > 1 ? `${allIds[0]},${allIds[allIds.length - 1]}` : (allIds[0] ?? 'h0');

  const timeline = buildTimeline(trace, { upTo: opts.upTo, window: opts.window, endBeforeArrivalOf: opts.hide?.segment });
  const timerShow = timerVisibility(trace);
  const stateHidden = stateHider(trace, opts.hideState);
  const peerOf = connectionPeer(trace);

  // Paging: say what is not shown and where each host stands at the window's start.
  if (timeline.first > 1 && timeline.first <= timeline.last) {
    emit(1, `Note over ${overAll}: ${escapeLabel(word('earlier', lang, { n: timeline.first - 1 }))}`);
    const before = trace.tcbs[timeline.startEvent - 1];
    for (const name of Object.keys(trace.hosts)) {
      const state = before?.[name]?.state ?? stateBefore(trace, name, timeline.startEvent);
      if (state) emit(1, `Note over ${id(name)}: ${escapeLabel(stateHidden(name, lastStateIndex(trace, name, timeline.startEvent)) ? '?' : state)}`);
    }
  }

  // Entries in order, then split into units (a segment, or a run of crossing segments, plus notes).
  const prelude: Entry[] = [];
  const units: Unit[] = [];
  const segs = timeline.items.filter((it): it is Extract<TimelineItem, { kind: 'segment' }> => it.kind === 'segment').map((it) => it.rec);
  const runOf = new Map<number, number>(); // segment n → index of its crossing run
  crossingRuns(segs).forEach(([a, b], r) => {
    for (let i = a; i <= b; i++) runOf.set(segs[i].n, r);
  });
  let current: Unit | null = null;
  const pushNote = (note: Note): void => {
    (current ? current.entries : prelude).push(note);
  };
  for (const it of timeline.items) {
    if (it.kind === 'segment') {
      const run = runOf.get(it.rec.n);
      if (current && run !== undefined && runOf.get(current.segs[0].n) === run) {
        current.segs.push(it.rec);
      } else {
        // A state change a user call made just as this segment leaves (CLOSE → FIN-WAIT-1, then
        // the FIN) belongs with the segment, in its phase block.
        const from: Entry[] = current ? current.entries : prelude;
        let k = from.length;
        while (k > 0) {
          const e = from[k - 1];
          if (e.kind !== 'note' || !e.byCall || e.t !== it.rec.sentAt) break;
          k--;
        }
        current = { segs: [it.rec], entries: from.splice(k), crossing: run !== undefined };
        units.push(current);
      }
      current.entries.push({ kind: 'arrow', rec: it.rec });
      continue;
    }
    const ev = it.ev;
    if (ev.kind === 'state' && ids.has(ev.host)) {
      const peer = peerOf(ev);
      pushNote({ kind: 'note', host: ev.host, text: stateHidden(ev.host, it.index) ? '?' : peer ? `${ev.to} (${peer})` : ev.to, t: ev.t, state: true, byCall: ev.cause.type === 'call' });
    } else if (ev.kind === 'timer' && ids.has(ev.host) && !stateHidden(ev.host, it.index)) {
      // (A blanked host's timers are left out too: a 2MSL timer would say TIME-WAIT.)
      const show = timerShow.get(it.index);
      if (show) pushNote({ kind: 'note', host: ev.host, text: timerText(ev, lang, show === 'restarted', trace.profile), t: ev.t, state: false, byCall: false });
    }
  }

  /** Writes entries; consecutive notes over one host at one moment share a note. */
  const writeEntries = (entries: readonly Entry[], depth: number): void => {
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k];
      if (e.kind === 'arrow') {
        arrow(e.rec, depth);
        continue;
      }
      const texts = [e.text];
      while (k + 1 < entries.length) {
        const next = entries[k + 1];
        if (next.kind !== 'note' || next.host !== e.host || next.t !== e.t) break;
        texts.push(next.text);
        k++;
      }
      emit(depth, `Note over ${id(e.host)}: ${texts.map(escapeLabel).join('<br/>')}`);
    }
  };
  writeEntries(prelude, 1);

  // Phase blocks: consecutive units whose first segment has the same phase share one `rect`. A
  // segment whose flags a question blanks has no phase: "Reset" over `? seq=…` would answer it.
  const phases = segmentPhases(trace);
  const flagsHidden = opts.hide !== undefined && (opts.hide.fields ?? DEFAULT_HIDDEN_FIELDS).includes('flags') ? opts.hide.segment : null;
  const phaseOf = (u: Unit): Phase | null => (u.segs.some((r) => r.n === flagsHidden) ? null : (phases.get(u.segs[0].n) ?? 'data'));
  let i = 0;
  while (i < units.length) {
    const phase = phaseOf(units[i]);
    if (phase === null) {
      renderUnit(units[i], 1);
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < units.length && phaseOf(units[j + 1]) === phase) j++;
    const block = units.slice(i, j + 1);
    emit(1, `rect ${PHASE_COLORS[phase]}`);
    emit(2, `Note over ${span(block.flatMap((u) => u.segs), id, allIds)}: ${escapeLabel(word(`phase.${phase}`, lang))}`);
    for (const unit of block) renderUnit(unit, 2);
    emit(1, 'end');
    i = j + 1;
  }

  function renderUnit(unit: Unit, depth: number): void {
    if (!unit.crossing) {
      writeEntries(unit.entries, depth);
      return;
    }
    const items = unit.segs.map((r) =>
      word('crossingItem', lang, { n: r.n, sent: durationText(r.sentAt, lang), arrived: r.arrivedAt === null ? '—' : durationText(r.arrivedAt, lang) }),
    );
    const text = word('crossing', lang, { list: items.join(word('crossingSep', lang)) });
    // Notes before the first crossing send stay before the block; those after the last one follow it.
    const firstArrow = unit.entries.findIndex((e) => e.kind === 'arrow');
    let lastArrow = unit.entries.length - 1;
    while (lastArrow > 0 && unit.entries[lastArrow].kind !== 'arrow') lastArrow--;
    writeEntries(unit.entries.slice(0, firstArrow), depth);
    emit(depth, `Note over ${span(unit.segs, id, allIds)}: ${escapeLabel(text)}`);
    emit(depth, `par ${escapeLabel(word('crossingTitle', lang))}`);
    // One branch per segment; a state change a call made as the segment left opens its branch.
    const inner = unit.entries.slice(firstArrow, lastArrow + 1);
    const starts: number[] = [];
    inner.forEach((e, k) => {
      if (e.kind !== 'arrow') return;
      let start = k;
      while (start > 0 && starts.length > 0) {
        const prev = inner[start - 1];
        if (!leadsTo(prev, e.rec) || start - 1 <= starts[starts.length - 1]) break;
        start--;
      }
      starts.push(start);
    });
    starts.forEach((start, b) => {
      if (b > 0) emit(depth, 'and');
      writeEntries(inner.slice(start, starts[b + 1] ?? inner.length), depth + 1);
    });
    emit(depth, 'end');
    writeEntries(unit.entries.slice(lastArrow + 1), depth);
  }

  function arrow(rec: SegmentRecord, depth: number): void {
    const hide = opts.hide && opts.hide.segment === rec.n ? (opts.hide.fields ?? DEFAULT_HIDDEN_FIELDS) : undefined;
    const label = segmentLabel(rec, trace, { numbers: opts.numbers, lang, hide, window: opts.showWindow });
    // A blanked segment is drawn in flight: whether it arrives is not shown yet.
    const arrowType = rec.arrivedAt === null && !hide ? '-x' : '->>';
    emit(depth, `${id(rec.from)}${arrowType}${id(rec.to)}: ${escapeLabel(label)}`);
  }

  return lines.map((l) => '  '.repeat(l.depth) + l.text).join('\n') + '\n';
}

/** Participant ids: `h0`, `h1`, ... for scenario hosts, then every other endpoint in segment order. */
export function participantIds(trace: Trace): Map<string, string> {
  const ids = new Map<string, string>();
  const add = (name: string): void => {
    if (!ids.has(name)) ids.set(name, `h${ids.size}`);
  };
  for (const name of Object.keys(trace.hosts)) add(name);
  for (const rec of trace.segments) {
    add(rec.from);
    add(rec.to);
  }
  return ids;
}

/** `hA,hB`: the leftmost and rightmost participants the segments touch. */
function span(segs: readonly SegmentRecord[], id: (name: string) => string, order: readonly string[]): string {
  const idx = segs.flatMap((r) => [order.indexOf(id(r.from)), order.indexOf(id(r.to))]).filter((x) => x >= 0);
  if (idx.length === 0) return order[0] ?? 'h0';
  const lo = Math.min(...idx);
  const hi = Math.max(...idx);
  return lo === hi ? order[lo] : `${order[lo]},${order[hi]}`;
}

/** Index of `host`'s last state change before event `index` (-1 when none). */
function lastStateIndex(trace: Trace, host: string, index: number): number {
  for (let i = Math.min(index, trace.events.length) - 1; i >= 0; i--) {
    const ev = trace.events[i];
    if (ev.kind === 'state' && ev.host === host) return i;
  }
  return -1;
}

/** A host's state just before event `index`, from the state events (fallback when no TCB). */
function stateBefore(trace: Trace, host: string, index: number): string | null {
  let state: string | null = null;
  for (let i = 0; i < index && i < trace.events.length; i++) {
    const ev = trace.events[i];
    if (ev.kind === 'state' && ev.host === host) state = ev.to;
  }
  return state;
}


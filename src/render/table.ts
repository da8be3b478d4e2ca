/**
 * The text alternative to the diagram: segments, state changes and timers in the order the
 * diagram shows them (the same timer events too), as rows of plain text (the webview puts them in a `<table>` with
 * `textContent`; the Markdown preview can reuse them). Pure.
 */
import type { Lang } from '../common/text';
import type { Trace } from '../engine/types';
import { causeText, dispositionText, durationText, segmentMarkers, segmentSummary, timerText, word, type NumberMode } from './labels';
import { buildTimeline, connectionPeer, DEFAULT_HIDDEN_FIELDS, stateHider, timerVisibility, type StateHide } from './timeline';

export interface TableOptions {
  numbers?: NumberMode;
  lang?: Lang;
  upTo?: number;
  /** Quiz mode: segment `segment` with `fields` shown as `?` (default flags, seq, ack, len) and its fate hidden. */
  hide?: { segment: number; fields?: string[] };
  window?: { from: number; to: number };
  /** Quiz mode for state questions (every open one): each host's state from the asked stop on reads `?`. */
  hideState?: readonly StateHide[];
}

export interface TableRow {
  /** Segment number, or null for a state change or a timer. */
  n: number | null;
  /** Virtual time in ms (a segment's send time). */
  time: number;
  /** One cell per column. */
  text: string[];
  kind: 'segment' | 'state' | 'timer';
}

export interface TraceTable {
  columns: string[];
  rows: TableRow[];
}


/**
 * Columns: `#`, time, host (`client → server` for a segment), what (segment summary with `win=`,
 * or `CLOSED → SYN-SENT`, or the timer), notes (lost / retransmission / duplicate / spoofed,
 * arrival time and what the receiver did; for a state change, its cause).
 */
export function traceTable(trace: Trace, opts: TableOptions = {}): TraceTable {
  const lang = opts.lang ?? 'en';
  const columns = [word('col.n', lang), word('col.time', lang), word('col.host', lang), word('col.what', lang), word('col.notes', lang)];
  const rows: TableRow[] = [];
  const sep = lang === 'zh-cn' ? '；' : '; ';
  const timers = timerVisibility(trace);
  const stateHidden = stateHider(trace, opts.hideState);
  const peerOf = connectionPeer(trace);
  for (const it of buildTimeline(trace, { upTo: opts.upTo, window: opts.window, endBeforeArrivalOf: opts.hide?.segment }).items) {
    if (it.kind === 'segment') {
      const rec = it.rec;
      const hiding = opts.hide !== undefined && opts.hide.segment === rec.n;
      const hide = hiding ? (opts.hide?.fields ?? DEFAULT_HIDDEN_FIELDS) : undefined;
      const notes = segmentMarkers(rec, trace, lang, { fate: !hiding });
      if (!hiding && rec.arrivedAt !== null) {
        notes.push(word('arrived', lang, { t: durationText(rec.arrivedAt, lang) }));
        if (rec.disposition !== null) notes.push(dispositionText(rec.disposition, lang));
      }
      rows.push({
        n: rec.n,
        time: rec.sentAt,
        kind: 'segment',
        text: [`#${rec.n}`, durationText(rec.sentAt, lang), `${rec.from} → ${rec.to}`, segmentSummary(rec, trace, opts.numbers ?? 'absolute', { hide, window: true }), notes.join(sep)],
      });
      continue;
    }
    const ev = it.ev;
    if (ev.kind === 'state') {
      const hidden = stateHidden(ev.host, it.index);
      const peer = peerOf(ev);
      const what = hidden ? '?' : `${ev.from} → ${ev.to}${peer ? ` (${peer})` : ''}`;
      rows.push({ n: null, time: ev.t, kind: 'state', text: ['', durationText(ev.t, lang), ev.host, what, hidden ? '' : causeText(ev.cause, lang)] });
    } else if (ev.kind === 'timer' && !stateHidden(ev.host, it.index)) {
      const show = timers.get(it.index);
      if (show) rows.push({ n: null, time: ev.t, kind: 'timer', text: ['', durationText(ev.t, lang), ev.host, timerText(ev, lang, show === 'restarted', trace.profile), ''] });
    }
  }
  return { columns, rows };
}

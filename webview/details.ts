/**
 * Segment details: every header field, the control bits, the bytes on the wire as hex with the
 * chosen field highlighted, and why the engine sent the segment.
 */
import { FLAGS, type SegmentRecord, type Trace } from '../src/engine/types';
import { encodeSegment, fieldLayout, type FieldPosition } from '../src/engine/wire';
import { format, type PanelSnapshot } from '../src/protocol/messages';
import { displayNumbers, durationText, type NumberMode } from '../src/render/index';
import { h } from './dom';
import { bytesOfField } from './model';

type Strings = PanelSnapshot['strings'];

/** Option names as RFC 9293 §3.2 and RFC 7323 / RFC 2018 write them. */
const OPTION_NAMES: Record<string, string> = {
  mss: 'MSS',
  wscale: 'Window Scale',
  sackPermitted: 'SACK-Permitted',
  timestamps: 'Timestamps',
  nop: 'NOP',
  eol: 'EOL',
};

function fieldLabel(name: string, s: Strings): string {
  switch (name) {
    case 'srcPort':
      return s.fSrcPort;
    case 'dstPort':
      return s.fDstPort;
    case 'seq':
      return s.fSeq;
    case 'ack':
      return s.fAck;
    case 'dataOffset':
      return s.fDataOffset;
    case 'reserved':
      return s.fReserved;
    case 'window':
      return s.fWindow;
    case 'checksum':
      return s.fChecksum;
    case 'urgentPointer':
      return s.fUrgent;
    case 'padding':
      return s.fPadding;
    case 'payload':
      return s.fPayload;
    default:
      if (name.startsWith('option:')) return `${s.fOptions}: ${OPTION_NAMES[name.slice('option:'.length)] ?? name.slice('option:'.length)}`;
      if (name.startsWith('flag:')) return name.slice('flag:'.length);
      return name;
  }
}

function fieldValue(name: string, rec: SegmentRecord, trace: Trace, numbers: NumberMode): string {
  const seg = rec.seg;
  const rel = numbers === 'relative' ? displayNumbers(rec, trace, 'relative') : undefined;
  switch (name) {
    case 'srcPort':
      return `${seg.srcPort} (${seg.srcAddr})`;
    case 'dstPort':
      return `${seg.dstPort} (${seg.dstAddr})`;
    case 'seq':
      return rel && rel.seq !== seg.seq ? `${seg.seq} (${rel.seq})` : String(seg.seq);
    case 'ack':
      return rel && rel.ack !== null && rel.ack !== seg.ack ? `${seg.ack} (${rel.ack})` : String(seg.ack);
    case 'dataOffset':
      return `${seg.dataOffset} (${seg.dataOffset * 4} B)`;
    case 'reserved':
      return '0';
    case 'window':
      return String(seg.window);
    case 'checksum':
      return `0x${seg.checksum.toString(16).padStart(4, '0')}`;
    case 'urgentPointer':
      return String(seg.urgentPointer);
    case 'option:mss':
      return String(seg.options.mss ?? '');
    case 'option:wscale':
      return String(seg.options.wscale ?? '');
    case 'option:sackPermitted':
      return '✓';
    case 'option:timestamps':
      return seg.options.timestamps ? `TSval=${seg.options.timestamps.tsval} TSecr=${seg.options.timestamps.tsecr}` : '';
    case 'payload':
      return `${seg.payload.length} B`;
    default:
      if (name.startsWith('flag:')) return seg.flags.includes(name.slice(5) as (typeof FLAGS)[number]) ? '1' : '0';
      return '';
  }
}

export interface DetailsContext {
  trace: Trace;
  snapshot: PanelSnapshot;
  numbers: NumberMode;
}

/** Renders the details of the selected segment into `root`, when the diagram shows it. */
export class DetailsView {
  private n: number | undefined;
  private field: string | undefined;

  constructor(private readonly root: HTMLElement) {}

  get selected(): number | undefined {
    return this.n;
  }

  select(n: number | undefined, field?: string): void {
    if (n !== this.n) this.field = undefined;
    this.n = n;
    if (field !== undefined) this.field = field;
  }

  /** `visible`: the diagram draws segment n in full now; `blanked`: an open question blanks it. */
  render(ctx: DetailsContext, visible: (n: number) => boolean, blanked: (n: number) => boolean): void {
    const s = ctx.snapshot.strings;
    const rec = this.n !== undefined ? ctx.trace.segments.find((r) => r.n === this.n) : undefined;
    if (!rec || !visible(rec.n)) {
      this.root.replaceChildren(h('p', { class: 'muted' }, rec && blanked(rec.n) ? s.hiddenDuringQuestion : s.detailsEmpty));
      this.root.dataset.segment = '';
      return;
    }
    this.root.dataset.segment = String(rec.n);
    const rerender = (): void => this.render(ctx, visible, blanked);
    const layout = fieldLayout(rec.seg);
    let bytes: Uint8Array;
    try {
      bytes = encodeSegment(rec.seg);
    } catch {
      bytes = new Uint8Array(0);
    }
    const chosen = layout.find((f) => f.name === this.field);
    const lit = new Set(chosen ? bytesOfField(chosen) : []);

    const why = h(
      'div',
      { class: 'why' },
      h('h3', {}, s.whySent),
      h('p', { id: 'segment-reason' }, ctx.snapshot.reasons[rec.reason]),
      rec.retransmission ? h('p', { class: 'tag' }, s.retransmitted) : null,
      rec.injected ? h('p', { class: 'tag' }, s.injectedNote) : null,
      h('h3', {}, s.whatHappened),
      h(
        'p',
        { id: 'segment-disposition' },
        rec.arrivedAt === null ? s.lost : `${durationText(rec.sentAt, ctx.snapshot.lang)} → ${durationText(rec.arrivedAt, ctx.snapshot.lang)}. ${rec.disposition ? ctx.snapshot.dispositions[rec.disposition] : ''}`,
      ),
    );

    const rows = layout
      .filter((f) => !f.name.startsWith('flag:'))
      .map((f) => this.fieldRow(f, fieldLabel(f.name, s), fieldValue(f.name, rec, ctx.trace, ctx.numbers), rerender));
    // The control bits sit between `reserved` and `window` on the wire.
    const flagRow = h(
      'tr',
      {},
      h('th', { scope: 'row' }, s.flagsBits),
      h(
        'td',
        {},
        h(
          'div',
          { class: 'bits', role: 'group', 'aria-label': s.flagsBits },
          ...FLAGS.map((flag) => {
            const on = rec.seg.flags.includes(flag);
            const b = h('button', { type: 'button', class: `bit${on ? ' on' : ''}${this.field === `flag:${flag}` ? ' chosen' : ''}`, 'data-field': `flag:${flag}`, 'aria-pressed': this.field === `flag:${flag}` ? 'true' : 'false', title: `${flag} = ${on ? 1 : 0}` }, h('span', { class: 'bit-name' }, flag), h('span', { class: 'bit-value' }, on ? '1' : '0'));
            b.addEventListener('click', () => {
              this.field = `flag:${flag}`;
              rerender();
            });
            return b;
          }),
        ),
      ),
    );
    const reservedIndex = rows.findIndex((r) => r.dataset.field === 'reserved');
    rows.splice(reservedIndex >= 0 ? reservedIndex + 1 : rows.length, 0, flagRow);

    const table = h(
      'table',
      { class: 'fields', 'aria-label': format(s.detailsHeading, rec.n, rec.from, rec.to) },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s.field), h('th', { scope: 'col' }, s.value))),
      h('tbody', {}, ...rows),
    );
    if (Object.keys(rec.seg.options).length === 0) table.append(h('tfoot', {}, h('tr', {}, h('td', { colspan: 2, class: 'muted' }, s.noOptions))));

    const hex = h('div', { class: 'hex', role: 'group', 'aria-label': s.wireBytes });
    bytes.forEach((b, i) => {
      if (i > 0 && i % 4 === 0) hex.append(i % 16 === 0 ? h('br') : ' ');
      hex.append(h('span', { class: lit.has(i) ? 'byte lit' : 'byte', 'data-byte': i }, b.toString(16).padStart(2, '0')));
      if (i % 4 !== 3) hex.append(' ');
    });

    this.root.replaceChildren(
      h('h2', {}, format(s.detailsHeading, rec.n, rec.from, rec.to)),
      why,
      table,
      h('h3', {}, s.wireBytes),
      hex,
    );
  }

  private fieldRow(f: FieldPosition, label: string, value: string, rerender: () => void): HTMLTableRowElement {
    const chosen = this.field === f.name;
    const btn = h('button', { type: 'button', class: 'field-pick', 'aria-pressed': chosen ? 'true' : 'false', 'data-field': f.name }, label);
    btn.addEventListener('click', () => {
      this.field = f.name;
      rerender();
      (this.root.querySelector(`button[data-field="${CSS.escape(f.name)}"]`) as HTMLElement | null)?.focus();
    });
    const tr = h('tr', { class: chosen ? 'chosen' : '', 'data-field': f.name }, h('th', { scope: 'row' }, btn), h('td', {}, value));
    return tr;
  }
}

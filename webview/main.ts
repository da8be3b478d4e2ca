/**
 * The diagram page: waits for the host's snapshot, then steps through the trace one segment at
 * a time, with each host's TCB, segment details, export, zoom and the quiz.
 *
 * Stable hooks for tests: `#diagram svg`, `#step-label`, `#tcb-table`, `#segment-table`,
 * `#segment-details`, `#quiz`, `#quiz-form`, `#quiz-feedback`, `#load-error`, and every control
 * has `data-action="..."`.
 */
import type { Trace } from '../src/engine/types';
import {
  format,
  fromWireTrace,
  parsePanelState,
  parseToWebview,
  type NumbersMode,
  type PanelSnapshot,
  type PanelState,
  type QuestionView,
  type ToHost,
  type ToWebview,
  type Zoom,
} from '../src/protocol/messages';
import { renderMermaid, timerName, traceTable, type TraceTable } from '../src/render/index';
import { DetailsView } from './details';
import { DiagramView } from './diagram';
import { parseInline, parseMarkdown } from '../src/common/markdown';
import { h, byId, markdownToDom } from './dom';
import { markdownBlock, pngBase64, standaloneSvg } from './exporter';
import { askedPosition, clampStep, forwardLimit, moveTo, openQuestions, pageOf, PAGE_SIZE, tcbsAtStep, timeAtStep, viewRange, type QuizProgress } from './model';
import { QuizView } from './quiz';
import { button, checkbox, isButton, isFormControl, progressRing, registerControls, setDisabled, type Control } from './toolkit';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
// Timing marks for `npm run bench:e2e` (page start → ready → first snapshot → first diagram).
performance.mark('tcp-tutor:script');
const post = (message: ToHost): void => vscode.postMessage(message);

registerControls();

// ---------------------------------------------------------------------------------------------
// Page state
// ---------------------------------------------------------------------------------------------

let snap: PanelSnapshot | undefined;
let trace: Trace | undefined;
let step = 0;
let numbers: NumbersMode = 'absolute';
let zoom: Zoom = 'fit';
let quizEnabled = true;
const done = new Set<string>();
let lastFinished: { id: string; step: number } | undefined;
let playTimer: number | undefined;
let lastPostedStep = -1;
let built: Built | undefined;

interface Built {
  stepLabel: HTMLElement;
  pageBar: HTMLElement;
  pageLabel: HTMLElement;
  buttons: Record<string, Control<{ disabled: boolean }>>;
  numbersBox: Control<{ checked: boolean }>;
  quizBox: Control<{ checked: boolean }>;
  diagram: DiagramView;
  tcb: HTMLTableElement;
  segTable: HTMLTableElement;
  details: DetailsView;
  quiz: QuizView;
  status: HTMLElement;
}

const app = byId('app');
// Before the first snapshot the host's localized label comes with the page.
app.replaceChildren(h('div', { class: 'loading' }, progressRing(app.dataset.loading ?? '')));

const quizProgress = (): QuizProgress => ({ enabled: quizEnabled && (snap?.questions.length ?? 0) > 0, done });
const total = (): number => trace?.segments.length ?? 0;

// ---------------------------------------------------------------------------------------------
// Building the page (once per snapshot language)
// ---------------------------------------------------------------------------------------------

function build(s: PanelSnapshot['strings']): Built {
  const btn = (action: string, label: string, title: string, keys: string | undefined, onClick: () => void) =>
    button({ label, title, action, ...(keys ? { keys } : {}), appearance: 'icon', onClick });
  const buttons: Built['buttons'] = {
    first: btn('first', '|◀', s.first, 'Home', () => go(0)),
    back: btn('back', '◀', s.back, 'ArrowLeft', () => go(step - 1)),
    play: btn('play', '▷', s.play, 'Space', () => togglePlay()),
    next: btn('next', '▶', s.next, 'ArrowRight', () => go(step + 1)),
    last: btn('last', '▶|', s.last, 'End', () => go(total())),
    zoomOut: btn('zoom-out', '−', s.zoomOut, '-', () => built?.diagram.zoomBy(1 / 1.25)),
    zoomIn: btn('zoom-in', '+', s.zoomIn, '+', () => built?.diagram.zoomBy(1.25)),
    zoomFit: btn('zoom-fit', '⤢', s.zoomFit, '0', () => built?.diagram.setZoom('fit')),
    copyMermaid: button({ label: s.copyMermaid, action: 'copy-mermaid', onClick: () => void exportAs('mermaid') }),
    copyMarkdown: button({ label: s.copyMarkdown, action: 'copy-markdown', onClick: () => void exportAs('markdown') }),
    saveSvg: button({ label: s.saveSvg, action: 'save-svg', onClick: () => void exportAs('svg') }),
    savePngLight: button({ label: s.savePngLight, action: 'save-png-light', onClick: () => void exportAs('png-light') }),
    savePngDark: button({ label: s.savePngDark, action: 'save-png-dark', onClick: () => void exportAs('png-dark') }),
    prevPage: button({ label: '‹', title: s.prevPage, action: 'prev-page', appearance: 'icon', onClick: () => turnPage(-1) }),
    nextPage: button({ label: '›', title: s.nextPage, action: 'next-page', appearance: 'icon', onClick: () => turnPage(1) }),
  };
  const numbersBox = checkbox({
    label: s.numbersRelative,
    checked: numbers === 'relative',
    onChange: (on) => {
      numbers = on ? 'relative' : 'absolute';
      render();
    },
  });
  numbersBox.dataset.action = 'numbers';
  numbersBox.title = s.numbersToggle;
  const quizBox = checkbox({
    label: s.quizMode,
    checked: quizEnabled,
    onChange: (on) => {
      quizEnabled = on;
      render();
    },
  });
  quizBox.dataset.action = 'quiz-mode';

  const stepLabel = h('span', { id: 'step-label', role: 'status', 'aria-live': 'polite' });
  const help = h('span', { id: 'keyboard-help', class: 'muted', title: s.keyboardHelp }, '⌨');
  help.setAttribute('aria-label', s.keyboardHelp);
  const toolbar = h(
    'div',
    { id: 'toolbar', role: 'toolbar', 'aria-label': s.keyboardHelp },
    h('div', { class: 'group' }, buttons.first, buttons.back, buttons.play, buttons.next, buttons.last, stepLabel, help),
    h('div', { class: 'group' }, numbersBox, quizBox),
    h('div', { class: 'group' }, buttons.zoomOut, buttons.zoomIn, buttons.zoomFit),
    h(
      'details',
      { id: 'export-menu', class: 'export-menu' },
      h('summary', {}, s.exportMenu),
      h('div', { class: 'group menu', role: 'group', 'aria-label': s.exportMenu }, buttons.copyMermaid, buttons.copyMarkdown, buttons.saveSvg, buttons.savePngLight, buttons.savePngDark),
    ),
  );
  const pageLabel = h('span', { id: 'page-label' });
  const pageBar = h('div', { id: 'page-bar', hidden: true }, buttons.prevPage, pageLabel, buttons.nextPage);

  const diagramPane = h('section', { id: 'diagram-pane' });
  const diagram = new DiagramView(diagramPane, {
    errorHeading: s.renderError,
    onSegmentClick: (n) => selectSegment(n),
    onZoomChange: (z) => {
      zoom = z;
      persist();
    },
  });
  const tcb = h('table', { id: 'tcb-table', class: 'grid' });
  const quizRoot = h('section', { id: 'quiz', hidden: true, 'aria-labelledby': 'quiz-heading' });
  const detailsRoot = h('section', { id: 'segment-details', 'aria-live': 'polite' });
  const segTable = h('table', { id: 'segment-table', class: 'grid' });
  const status = h('div', { id: 'status', class: 'muted', role: 'status' });

  const details = new DetailsView(detailsRoot);
  const quiz = new QuizView(quizRoot, {
    post,
    onFinished: (id) => {
      done.add(id);
      lastFinished = { id, step };
    },
    onContinue: () => {
      lastFinished = undefined;
      go(step + 1);
    },
  });

  app.replaceChildren(
    h(
      'header',
      { id: 'header' },
      h('h1', { id: 'title' }),
      h('p', { id: 'description', class: 'muted' }),
      h(
        'details',
        { id: 'lesson', open: true },
        h('summary', {}, s.lessonHeading),
        h('div', { id: 'lesson-body', class: 'lesson-body' }),
        // Closed at first: the learner meets each idea in the lesson before its common mistake.
        h('details', { id: 'misconceptions', class: 'misconceptions' }, h('summary', { id: 'misconceptions-heading' }), h('ul', { id: 'misconceptions-list' })),
      ),
      h('ul', { id: 'warnings', class: 'warnings', 'aria-label': s.warnings }),
    ),
    toolbar,
    pageBar,
    h('div', { id: 'layout' }, diagramPane, h('aside', { id: 'side' }, quizRoot, tcb, detailsRoot)),
    h('section', { id: 'text-alternative' }, segTable),
    status,
  );
  diagram.setZoom(zoom);
  // A chosen export closes the menu, as a menu would.
  const exportMenu = byId('export-menu') as HTMLDetailsElement;
  exportMenu.addEventListener('click', (e) => {
    if (isButton(e.target as Element)) exportMenu.open = false;
  });
  return { stepLabel, pageBar, pageLabel, buttons, numbersBox, quizBox, diagram, tcb, segTable, details, quiz, status };
}

// ---------------------------------------------------------------------------------------------
// Navigation
// ---------------------------------------------------------------------------------------------

function go(target: number): void {
  if (!snap) return;
  const next = moveTo(target, step, snap.questions, total(), quizProgress());
  if (next !== step) {
    step = next;
    if (lastFinished && lastFinished.step !== step) lastFinished = undefined;
  }
  render();
}

function turnPage(delta: number): void {
  const t = total();
  const { from, to } = pageOf(step, t);
  go(delta < 0 ? Math.max(0, from - 1) : Math.min(t, to + 1));
}

function togglePlay(): void {
  if (playTimer !== undefined) {
    stopPlay();
  } else {
    if (step >= forwardLimit(snap?.questions ?? [], step, total(), quizProgress())) return;
    playTimer = window.setInterval(() => {
      const before = step;
      go(step + 1);
      if (step === before || step >= forwardLimit(snap?.questions ?? [], step, total(), quizProgress())) stopPlay();
    }, 900);
  }
  render();
}

function stopPlay(): void {
  if (playTimer !== undefined) window.clearInterval(playTimer);
  playTimer = undefined;
  render();
}

function selectSegment(n: number): void {
  if (!built) return;
  built.details.select(n);
  render();
  byId('segment-details').scrollIntoView({ block: 'nearest' });
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

/** The question on show: the one just finished at this step (its feedback stays until Continue), else the open one. */
function shownQuestion(open: QuestionView | undefined): QuestionView | undefined {
  if (!snap || !lastFinished || lastFinished.step !== step) return open;
  const finished = lastFinished.id;
  return snap.questions.find((q) => q.id === finished) ?? open;
}

function render(): void {
  if (!snap || !trace || !built) return;
  const s = snap.strings;
  const t = total();
  step = clampStep(step, t);
  const quiz = quizProgress();
  const opens = openQuestions(snap.questions, step, quiz);
  const open = opens[0];
  const range = viewRange(step, t, opens);
  const paged = t > PAGE_SIZE;
  const page = pageOf(range.upTo, t);
  const pageWindow = paged ? { from: page.from, to: page.to } : undefined;

  // Toolbar
  const limit = forwardLimit(snap.questions, step, t, quiz);
  setDisabled(built.buttons.first, step === 0);
  setDisabled(built.buttons.back, step === 0);
  setDisabled(built.buttons.next, step >= limit);
  setDisabled(built.buttons.last, step >= limit);
  setDisabled(built.buttons.play, playTimer === undefined && step >= limit);
  built.buttons.play.textContent = playTimer === undefined ? '▷' : '||';
  built.buttons.play.setAttribute('title', playTimer === undefined ? s.play : s.pause);
  built.buttons.play.setAttribute('aria-label', playTimer === undefined ? s.play : s.pause);
  built.buttons.play.setAttribute('aria-pressed', playTimer === undefined ? 'false' : 'true');
  built.stepLabel.textContent = format(s.stepLabel, step, t);
  built.stepLabel.dataset.step = String(step);
  built.quizBox.hidden = snap.questions.length === 0;
  built.pageBar.hidden = !paged;
  if (paged) {
    built.pageLabel.textContent = `${format(s.pageOf, page.page, page.pages)} · ${format(s.pageLabel, page.from, Math.min(page.to, range.upTo), t)}`;
    setDisabled(built.buttons.prevPage, page.page <= 1);
    setDisabled(built.buttons.nextPage, page.page >= page.pages || page.to >= limit);
  }

  // Diagram and its text alternative: the same view (step, blanks, page).
  const view = {
    numbers,
    lang: snap.lang,
    upTo: range.upTo,
    ...(range.hide ? { hide: range.hide } : {}),
    ...(range.hideState ? { hideState: range.hideState } : {}),
    ...(pageWindow ? { window: pageWindow } : {}),
  };
  const source = renderMermaid(trace, view);
  const hosts = Object.keys(trace.hosts).join(', ');
  const shownFrom = pageWindow ? pageWindow.from : 1;
  const label = format(s.diagramLabel, range.upTo >= shownFrom ? `${shownFrom}–${range.upTo}` : '0', t, hosts);
  if (source !== built.diagram.source) void built.diagram.render(source, label, range.upTo > 0 ? range.upTo : undefined);

  const isBlanked = (n: number): boolean => range.hide !== undefined && range.hide.segment === n;
  const isVisible = (n: number): boolean => n <= range.upTo && !isBlanked(n);
  renderTcb(built.tcb, open !== undefined);
  renderSegmentTable(built.segTable, traceTable(trace, view));
  built.details.render({ trace, snapshot: snap, numbers }, isVisible, isBlanked);
  built.diagram.highlight(built.details.selected !== undefined && isVisible(built.details.selected) ? built.details.selected : undefined);
  const q = shownQuestion(open);
  built.quiz.render(q, q ? askedPosition(snap.questions, q) : 0, snap);
  built.status.textContent = open ? s.answerToContinue : quiz.enabled && snap.questions.every((x) => done.has(x.id)) ? s.allAnswered : '';

  persist();
}

const TCB_ROWS: [label: string, get: (tcb: NonNullable<ReturnType<typeof tcbsAtStep>[string]>) => number | null, base?: 'iss' | 'irs'][] = [
  ['SND.UNA', (x) => x.sndUna, 'iss'],
  ['SND.NXT', (x) => x.sndNxt, 'iss'],
  ['SND.WND', (x) => x.sndWnd],
  ['RCV.NXT', (x) => x.rcvNxt, 'irs'],
  ['RCV.WND', (x) => x.rcvWnd],
  ['ISS', (x) => x.iss],
  ['IRS', (x) => x.irs],
];

function renderTcb(table: HTMLTableElement, hidden: boolean): void {
  if (!snap || !trace) return;
  const s = snap.strings;
  const tcbs = tcbsAtStep(trace, step);
  const hosts = Object.keys(trace.hosts);
  const head = h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s.tcbField), ...hosts.map((n) => h('th', { scope: 'col' }, n))));
  const caption = h('caption', {}, `${format(s.tcbCaption, step)} · ${s.time} ${timeAtStep(trace, step)} ms`);
  if (hidden) {
    table.replaceChildren(caption, head, h('tbody', {}, h('tr', {}, h('td', { colspan: hosts.length + 1, class: 'muted' }, s.hiddenDuringQuestion))));
    table.dataset.hidden = 'true';
    return;
  }
  table.dataset.hidden = 'false';
  const cell = (v: string, attrs: Record<string, string> = {}) => h('td', attrs, v);
  const rows: HTMLTableRowElement[] = [
    h('tr', { 'data-field': 'state' }, h('th', { scope: 'row' }, s.tcbState), ...hosts.map((n) => cell(tcbs[n]?.state ?? 'CLOSED', { class: 'state', 'data-host': n }))),
  ];
  for (const [name, get, base] of TCB_ROWS) {
    rows.push(
      h(
        'tr',
        { 'data-field': name },
        h('th', { scope: 'row' }, name),
        ...hosts.map((n) => {
          const x = tcbs[n];
          const v = x ? get(x) : null;
          if (v === null) return cell('—');
          const b = base && x ? x[base] : null;
          return cell(numbers === 'relative' && b !== null ? String((v - b) >>> 0) : String(v));
        }),
      ),
    );
  }
  rows.push(
    h(
      'tr',
      { 'data-field': 'timers' },
      h('th', { scope: 'row' }, s.tcbTimers),
      ...hosts.map((n) => {
        const timers = tcbs[n]?.timers ?? [];
        return cell(timers.length === 0 ? s.noTimers : timers.map((tm) => format(s.timerAt, timerName(tm.name, snap?.lang ?? 'en', trace?.profile), tm.expiresAt)).join('; '));
      }),
    ),
  );
  table.replaceChildren(caption, head, h('tbody', {}, ...rows));
}

function renderSegmentTable(table: HTMLTableElement, data: TraceTable): void {
  if (!snap || !built) return;
  const selected = built.details.selected;
  const body = data.rows.map((row) => {
    const text = row.text;
    const tr = h('tr', { class: `row-${row.kind}` }, ...text.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c))));
    if (row.kind === 'segment' && row.n !== null) {
      const n = row.n;
      tr.tabIndex = 0;
      tr.dataset.segment = String(n);
      tr.setAttribute('aria-selected', selected === n ? 'true' : 'false');
      tr.addEventListener('click', () => selectSegment(n));
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          e.stopPropagation();
          selectSegment(n);
          (byId('segment-table').querySelector(`tr[data-segment="${n}"]`) as HTMLElement | null)?.focus();
        }
      });
    }
    return tr;
  });
  table.replaceChildren(
    h('caption', {}, snap.strings.segmentsCaption),
    h('thead', {}, h('tr', {}, ...data.columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...body),
  );
}

function persist(): void {
  if (!snap) return;
  const state: PanelState = { uri: snap.uri, step, numbers, zoom };
  // The progress key survives a window reload with the panel (the serializer gets this state).
  if (snap.exerciseId !== snap.uri) state.exerciseId = snap.exerciseId;
  if (!quizEnabled) state.quiz = false;
  if (built?.details.selected !== undefined) state.selected = built.details.selected;
  if (done.size > 0) state.finished = [...done];
  // VS Code keeps it while the page is hidden and across a reload; the page hands it to the host
  // with `webview/ready`, and the serializer gets it after a reload.
  vscode.setState(state);
  if (step !== lastPostedStep) {
    lastPostedStep = step;
    post({ type: 'step/changed', step });
  }
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

async function exportAs(kind: 'mermaid' | 'markdown' | 'svg' | 'png-light' | 'png-dark'): Promise<void> {
  const source = built?.diagram.source;
  if (!source) return;
  try {
    switch (kind) {
      case 'mermaid':
        post({ type: 'export/copy', format: 'mermaid', text: source });
        break;
      case 'markdown':
        post({ type: 'export/copy', format: 'markdown', text: markdownBlock(source) });
        break;
      case 'svg':
        post({ type: 'export/svg', svg: (await standaloneSvg(source, 'light')).svg });
        break;
      case 'png-light':
      case 'png-dark': {
        const background = kind === 'png-dark' ? 'dark' : 'light';
        post({ type: 'export/png', background, base64: await pngBase64(source, background) });
        break;
      }
    }
  } catch (e) {
    post({ type: 'webview/error', message: e instanceof Error ? e.message : String(e) });
  }
}

// ---------------------------------------------------------------------------------------------
// Messages and keys
// ---------------------------------------------------------------------------------------------

function show(snapshot: PanelSnapshot): void {
  if (!snap) performance.mark('tcp-tutor:snapshot');
  const fileChanged = snap?.uri !== snapshot.uri;
  const langChanged = snap?.lang !== snapshot.lang;
  const saved = parsePanelState(vscode.getState());
  const restore = snapshot.restore ?? (saved && saved.uri === snapshot.uri ? saved : undefined);
  snap = snapshot;
  trace = fromWireTrace(snapshot.trace);
  // The same file again (saved, edited, reopened): what the learner finished or skipped here stays
  // finished, even where the host's new session does not know it (a skip is not progress).
  const keep = fileChanged ? new Set<string>() : new Set(done);
  done.clear();
  for (const q of snapshot.questions) if (q.done || keep.has(q.id)) done.add(q.id);
  if (!fileChanged) {
    // The same file again (saved, or the page came back): keep where the learner is.
  } else if (restore) {
    step = restore.step;
    numbers = restore.numbers;
    zoom = restore.zoom;
    quizEnabled = restore.quiz ?? true;
    for (const id of restore.finished ?? []) if (snapshot.questions.some((q) => q.id === id)) done.add(id);
  } else if (fileChanged) {
    // A new file opens as far as it can: the whole trace, or the first question's stop.
    step = moveTo(total(), 0, snapshot.questions, total(), quizProgress());
  }
  if (langChanged) document.documentElement.lang = snapshot.lang === 'zh-cn' ? 'zh-CN' : 'en';
  if (!built || langChanged || !document.getElementById('layout')) {
    built?.diagram.dispose();
    built = build(snapshot.strings);
  }
  if (fileChanged) {
    built.quiz.reset();
    built.details.select(restore?.selected !== undefined && restore.selected <= total() ? restore.selected : undefined);
    lastFinished = undefined;
  }
  built.quizBox.checked = quizEnabled;
  built.numbersBox.checked = numbers === 'relative';
  built.diagram.setZoom(zoom);
  byId('title').textContent = snapshot.title;
  byId('description').textContent = snapshot.description;
  byId('lesson').hidden = !snapshot.body && snapshot.misconceptions.length === 0;
  byId('lesson-body').replaceChildren(...markdownToDom(parseMarkdown(snapshot.body)));
  byId('misconceptions').hidden = snapshot.misconceptions.length === 0;
  byId('misconceptions-heading').textContent = format(snapshot.strings.misconceptionsHeading, snapshot.misconceptions.length);
  byId('misconceptions-list').replaceChildren(...snapshot.misconceptions.map((m) => h('li', {}, ...markdownToDom([{ t: 'paragraph', inlines: parseInline(m) }]))));
  byId('warnings').replaceChildren(...snapshot.warnings.map((w) => h('li', {}, w)));
  document.title = snapshot.title;
  render();
}

function showError(message: Extract<ToWebview, { type: 'trace/error' }>): void {
  stopPlay();
  snap = undefined;
  trace = undefined;
  built?.diagram.dispose();
  built = undefined;
  app.replaceChildren(
    h(
      'section',
      { id: 'load-error', role: 'alert' },
      h('h1', {}, message.title),
      h('p', {}, message.heading),
      h('ul', {}, ...message.diagnostics.map((d) => h('li', { class: d.severity }, h('code', {}, d.location), ` ${d.message}`, d.code ? h('span', { class: 'muted' }, ` [${d.code}]`) : null))),
    ),
  );
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseToWebview(event.data);
  if (!message) return;
  switch (message.type) {
    case 'trace/show':
      show(message.snapshot);
      break;
    case 'trace/error':
      showError(message);
      break;
    case 'quiz/result':
      built?.quiz.onResult(message.result);
      render();
      break;
    case 'quiz/hints':
      built?.quiz.onHints(message.questionId, message.hints, message.more);
      render();
      break;
  }
});

const NATIVE_FORM_TAGS = new Set(['input', 'textarea', 'select']);

document.addEventListener('keydown', (e) => {
  if (!snap || e.altKey || e.ctrlKey || e.metaKey) return;
  const target = e.target instanceof HTMLElement ? e.target : undefined;
  if (target && (NATIVE_FORM_TAGS.has(target.tagName.toLowerCase()) || isFormControl(target) || target.closest('#quiz-form'))) return;
  // Space and Enter on these belong to them: press a button, choose a row, open a disclosure.
  const onButton = target !== undefined && (isButton(target) || ['button', 'tr', 'summary', 'a'].includes(target.tagName.toLowerCase()));
  switch (e.key) {
    case 'Home':
      go(0);
      break;
    case 'End':
      go(total());
      break;
    case 'ArrowLeft':
      go(step - 1);
      break;
    case 'ArrowRight':
      go(step + 1);
      break;
    case ' ':
      if (onButton) return; // Space presses the focused button
      togglePlay();
      break;
    case '+':
    case '=':
      built?.diagram.zoomBy(1.25);
      break;
    case '-':
      built?.diagram.zoomBy(1 / 1.25);
      break;
    case '0':
      built?.diagram.setZoom('fit');
      break;
    default:
      return;
  }
  e.preventDefault();
});

window.addEventListener('error', (e) => post({ type: 'webview/error', message: String(e.message) }));

const saved = parsePanelState(vscode.getState());
post(saved ? { type: 'webview/ready', state: saved } : { type: 'webview/ready' });
performance.mark('tcp-tutor:ready');

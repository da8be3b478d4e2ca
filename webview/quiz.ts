/**
 * The quiz form shown where the step-through stops. The page only collects input: the host
 * checks it (`quiz/answer` → `quiz/result`) and decides what to reveal.
 */
import { FLAGS, TCP_STATES } from '../src/engine/types';
import { format, type PanelSnapshot, type QuestionView, type QuizResult, type ToHost } from '../src/protocol/messages';
import { ACCEPTANCES, type SegmentField } from '../src/quiz/types';
import { h } from './dom';
import { button, checkbox, dropdown, firstFormControl, isButton, radioGroup, setDisabled, takesEnter, textField, type Control } from './toolkit';

type Collect = () => string | Record<string, string>;

export interface QuizViewOptions {
  post: (message: ToHost) => void;
  /** The learner skipped the question (or finished it): the step-through may go on. */
  onFinished: (questionId: string) => void;
  onContinue: () => void;
}

export class QuizView {
  private readonly results = new Map<string, QuizResult>();
  private readonly hintLists = new Map<string, { hints: string[]; more: boolean }>();
  private shownId: string | undefined;
  private pending = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly opts: QuizViewOptions,
  ) {}

  /** Forget results (a new exercise was loaded). */
  reset(): void {
    this.results.clear();
    this.hintLists.clear();
    this.shownId = undefined;
    this.pending = false;
  }

  result(id: string): QuizResult | undefined {
    return this.results.get(id);
  }

  onResult(result: QuizResult): void {
    this.pending = false;
    this.results.set(result.questionId, result);
    if (result.done) this.opts.onFinished(result.questionId);
  }

  onHints(questionId: string, hints: string[], more: boolean): void {
    this.hintLists.set(questionId, { hints, more });
  }

  /**
   * Shows `q` (open, or just finished at this step) or nothing. Rebuilds the form only when the
   * question changes so what the learner typed survives re-renders.
   */
  render(q: QuestionView | undefined, index: number, snapshot: PanelSnapshot): void {
    if (!q) {
      this.root.hidden = true;
      this.root.replaceChildren();
      this.shownId = undefined;
      return;
    }
    this.root.hidden = false;
    const s = snapshot.strings;
    const result = this.results.get(q.id);
    const done = q.done || result?.done === true;
    const hasForm = this.root.querySelector('#quiz-form') !== null;
    const rebuild = this.shownId !== q.id || hasForm === done;
    if (rebuild) {
      this.build(q, index, snapshot, done);
      if (!done && this.shownId !== q.id) this.opts.post({ type: 'quiz/shown', questionId: q.id });
      this.shownId = q.id;
    }
    this.renderFeedback(q, result, s, done);
    // The answer replaced the form (and the focused button with it): Continue takes the focus.
    if (rebuild && done) this.root.querySelector<HTMLElement>('[data-action="quiz-continue"]')?.focus();
  }

  private build(q: QuestionView, index: number, snapshot: PanelSnapshot, done: boolean): void {
    const s = snapshot.strings;
    const heading = h('h2', { id: 'quiz-heading' }, format(s.quizHeading, index + 1, snapshot.questions.length));
    const prompt = h('p', { id: 'quiz-prompt' }, q.prompt);
    const parts: Node[] = [heading, prompt];
    if (!done) {
      const { controls, collect } = this.controls(q, snapshot);
      const submit = button({ label: s.submit, appearance: 'primary', action: 'quiz-submit', onClick: () => this.submit(q, collect) });
      const hint = button({ label: s.hint, action: 'quiz-hint', onClick: () => this.opts.post({ type: 'quiz/hint', questionId: q.id }) });
      const skip = button({
        label: s.skip,
        action: 'quiz-skip',
        onClick: () => {
          this.opts.onFinished(q.id);
          this.opts.onContinue();
        },
      });
      const form = h('form', { id: 'quiz-form', 'aria-labelledby': 'quiz-heading', 'data-kind': q.kind, 'data-question': q.id }, ...controls, h('div', { class: 'quiz-actions' }, submit, hint, skip));
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        this.submit(q, collect);
      });
      form.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.defaultPrevented && !(e.target instanceof HTMLElement && (isButton(e.target) || takesEnter(e.target)))) {
          e.preventDefault();
          this.submit(q, collect);
        }
      });
      parts.push(form);
    }
    parts.push(h('p', { id: 'quiz-tries', class: 'muted' }), h('ul', { id: 'quiz-hints' }), h('div', { id: 'quiz-feedback', role: 'status', 'aria-live': 'polite' }));
    this.root.replaceChildren(...parts);
    const form = this.root.querySelector('#quiz-form');
    (form ? firstFormControl(form) : null)?.focus();
  }

  private submit(q: QuestionView, collect: Collect): void {
    if (this.pending) return;
    this.pending = true;
    this.opts.post({ type: 'quiz/answer', questionId: q.id, input: collect() });
    const btn = this.root.querySelector<HTMLElement>('[data-action="quiz-submit"]');
    if (btn) setDisabled(btn, true);
  }

  private renderFeedback(q: QuestionView, result: QuizResult | undefined, s: PanelSnapshot['strings'], done: boolean): void {
    const tries = this.root.querySelector('#quiz-tries');
    const hintsEl = this.root.querySelector('#quiz-hints');
    const feedback = this.root.querySelector('#quiz-feedback');
    const submit = this.root.querySelector<HTMLElement>('[data-action="quiz-submit"]');
    if (submit) setDisabled(submit, this.pending);
    if (tries) tries.textContent = done ? '' : format(s.triesLeft, result?.triesLeft ?? q.tries);
    const hl = this.hintLists.get(q.id);
    if (hintsEl) {
      hintsEl.replaceChildren(...(hl?.hints ?? []).map((t) => h('li', {}, t)));
      if (hl && !hl.more) hintsEl.append(h('li', { class: 'muted' }, s.noMoreHints));
    }
    const hintBtn = this.root.querySelector<HTMLElement>('[data-action="quiz-hint"]');
    if (hintBtn && hl && !hl.more) setDisabled(hintBtn, true);
    if (!feedback) return;
    if (!result) {
      feedback.replaceChildren();
      feedback.removeAttribute('data-status');
      return;
    }
    feedback.setAttribute('data-status', result.status);
    const lines: Node[] = [];
    const verdict = result.status === 'correct' ? s.correct : result.status === 'wrong' ? s.wrong : s.invalid;
    lines.push(h('p', { class: `verdict ${result.status}` }, verdict, result.status === 'invalid' && result.message ? ` ${result.message}` : ''));
    if (result.fields) {
      const fields = Object.entries(result.fields) as [SegmentField, boolean][];
      lines.push(h('ul', { class: 'field-verdicts' }, ...fields.map(([f, ok]) => h('li', { class: ok ? 'correct' : 'wrong' }, `${fieldName(f, s)}: ${ok ? '✓' : '✗'}`))));
    }
    if (result.misconception) lines.push(h('p', { class: 'misconception' }, result.misconception));
    if (result.note) lines.push(h('p', { class: 'note' }, result.note));
    if (result.answer) lines.push(h('p', { class: 'answer' }, format(s.answerWas, result.answer)));
    if (result.explanation) lines.push(h('p', { class: 'explanation' }, result.explanation));
    if (done) lines.push(h('div', { class: 'quiz-actions' }, button({ label: s.continue, appearance: 'primary', action: 'quiz-continue', onClick: () => this.opts.onContinue() })));
    feedback.replaceChildren(...lines);
  }

  private controls(q: QuestionView, snapshot: PanelSnapshot): { controls: Node[]; collect: Collect } {
    const s = snapshot.strings;
    switch (q.kind) {
      case 'state': {
        const dd = dropdown({
          label: s.chooseState,
          name: 'state',
          options: [{ value: '', label: s.chooseState }, ...TCP_STATES.map((st) => ({ value: st, label: st }))],
        });
        return { controls: [h('label', { class: 'quiz-label' }, s.yourAnswer), dd], collect: () => dd.value };
      }
      case 'seq':
      case 'ack':
      case 'number': {
        const tf = textField({ label: s.yourAnswer, name: q.kind });
        return { controls: [tf], collect: () => tf.value };
      }
      case 'flags': {
        const { el, collect } = flagBoxes(s.fFlags);
        return { controls: [el], collect };
      }
      case 'segment': {
        const controls: Node[] = [];
        const getters: [SegmentField, () => string][] = [];
        for (const f of q.fields ?? []) {
          if (f === 'flags') {
            const { el, collect } = flagBoxes(s.fFlags);
            controls.push(el);
            getters.push([f, collect]);
          } else {
            const tf = textField({ label: fieldName(f, s), name: f });
            controls.push(tf);
            getters.push([f, () => tf.value]);
          }
        }
        return {
          controls,
          collect: () => Object.fromEntries(getters.map(([f, g]) => [f, g()])),
        };
      }
      case 'accepted': {
        const rg = radioGroup({ label: s.chooseAcceptance, name: 'accepted', options: ACCEPTANCES.map((a) => ({ value: a, label: snapshot.acceptances[a] })) });
        return { controls: [rg], collect: () => rg.value ?? '' };
      }
      case 'choice': {
        // The quiz module reads a 1-based number as the choice's position.
        const rg = radioGroup({ label: s.chooseOne, name: 'choice', options: (q.choices ?? []).map((c, i) => ({ value: String(i + 1), label: c })) });
        return { controls: [rg], collect: () => rg.value ?? '' };
      }
    }
  }
}

function fieldName(f: SegmentField, s: PanelSnapshot['strings']): string {
  switch (f) {
    case 'seq':
      return s.fSeq;
    case 'ack':
      return s.fAck;
    case 'len':
      return s.fLen;
    case 'window':
      return s.fWindow;
    case 'flags':
      return s.fFlags;
  }
}

/** One checkbox per control bit; the answer is `SYN, ACK` (or `none`). */
function flagBoxes(label: string): { el: HTMLElement; collect: () => string } {
  const boxes: [string, Control<{ checked: boolean }>][] = FLAGS.map((f) => [f, checkbox({ label: f, value: f })]);
  const el = h('fieldset', { class: 'flag-boxes', 'data-field': 'flags' }, h('legend', {}, label), ...boxes.map(([, b]) => b));
  return {
    el,
    collect: () => {
      const on = boxes.filter(([, b]) => b.checked).map(([f]) => f);
      return on.length > 0 ? on.join(', ') : 'none';
    },
  };
}

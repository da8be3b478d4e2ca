// More end-to-end cases: every user-facing feature beyond the diagram panel's basics — the
// Lessons view and progress across a reload, live authoring diagnostics and preview, ```tcp blocks
// in the Markdown preview, hostile input, keyboard and segment details, practice, the walkthrough,
// and Chinese. run.mjs calls `moreCases(ctx)` after its own cases; `MORE_CASE_NAMES` joins its list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeAllEditors, openFile, openPalette, paletteEntries, runCommand, setEnumSetting, waitForWorkbench, webviewFrame } from './lib/workbench.mjs';

export const MORE_CASE_NAMES = [
  'lessons view: the course lists the handshake lesson; wrong then right answer; progress survives a reload',
  'authoring: a diagnostic on the bad line and an error in the preview; typing the fix clears both',
  'markdown preview: a ```tcp block renders as a diagram, an invalid one as an error',
  'hostile input: markup and Mermaid directives in a file render as text, no script runs',
  'keyboard: Home / arrows / End step the diagram; a clicked arrow shows header fields and hex; Tab shows a focus ring',
  'practice a topic: the panel shows a diagram and a question',
  'walkthrough: Get started with TCP Tutor opens with its Lessons step',
  'tcpTutor.language zh-cn: the Lessons view and the lesson text are Chinese',
  'quiz state dropdown: a learner can click the state they mean (nothing covers the open list)',
  'quiz: two questions at one step — the diagram does not show the second one\'s answer while the first is asked',
  'panel state: quiz mode off, the step and the selected segment survive the panel being hidden behind another editor',
];

const HAN = /[\u4e00-\u9fff]/;

/** Only with `--locale zh-cn`: VS Code's own display language, not the extension's setting. */
export const DISPLAY_LANGUAGE_CASE = 'display language (--locale): the manifest strings (view title, commands) and auto language follow it';
const COURSE_TITLE = 'TCP connection management (RFC 9293)';

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** The readable text of a locator, whitespace collapsed. */
async function textOf(locator) {
  return ((await locator.first().innerText()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Opens the TCP Tutor container (activity bar) and returns the Lessons tree's rows locator. */
async function openLessonsView(page) {
  await page.keyboard.press('Escape');
  // `workbench.view.extension.tcpTutor` is "View: Show TCP Tutor" in the palette; the activity bar
  // icon is what a learner clicks, so try it first.
  const icon = page.locator('.activitybar .action-item a.action-label[aria-label^="TCP"], .activitybar .action-item .action-label[aria-label^="TCP"]').first();
  const viewRows = page.locator('.part.sidebar .monaco-list-row');
  // With one view in the container, its name is in the side bar's title ("TCP TUTOR: LESSONS").
  const shown = page.locator('.part.sidebar .title-label, .part.sidebar .pane-header', { hasText: /lessons|课程/i }).first();
  const visible = await shown.isVisible().catch(() => false);
  if (!visible) {
    // The icon appears once the workbench has read the extension's manifest.
    const hasIcon = await icon.waitFor({ state: 'visible', timeout: 20_000 }).then(
      () => true,
      () => false,
    );
    if (hasIcon) await icon.click();
    else await runCommand(page, 'TCP Tutor: Focus on Lessons View');
  }
  await shown.waitFor({ state: 'visible', timeout: 15_000 });
  return viewRows;
}

/** The Lessons tree row whose label contains `title`. */
async function lessonRow(page, title, timeoutMs = 20_000) {
  const rows = await openLessonsView(page);
  const row = rows.filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  return row;
}

/** What happened when a learner clicked a state in the quiz's dropdown (for its own case). */
const dropdownClicks = [];

/**
 * Picks `value` in the quiz's vscode-dropdown as a learner does: opens it and clicks the option.
 * When something covers the option (the click would land elsewhere) that is recorded, and the
 * keyboard (↓ on the closed dropdown) picks it instead so the rest of the case can go on.
 */
async function pickState(frame, value, screenshot) {
  const dd = frame.locator('#quiz-form vscode-dropdown').first();
  await dd.click();
  const option = frame.locator('#quiz-form vscode-option', { hasText: new RegExp(`^\\s*${value.replace(/[-]/g, '\\-')}\\s*$`) }).first();
  try {
    await option.click({ timeout: 4000 });
    dropdownClicks.push({ value, ok: true });
  } catch (err) {
    // eslint-disable-next-line no-control-regex -- Playwright's call log holds ANSI colour codes
    const log = (err instanceof Error ? err.message : '').replace(/\u001b\[[0-9;]*m/g, '');
    const why = /([^\n]*intercepts pointer events)/.exec(log)?.[1]?.trim() ?? 'the option could not be clicked';
    dropdownClicks.push({ value, ok: false, why });
    await screenshot?.('state dropdown option covered');
    await page_escape(frame);
    for (let i = 0; i < 20; i += 1) {
      if ((await dd.evaluate((el) => el.value)) === value) break;
      await dd.press('ArrowDown');
    }
  }
  await sleep(150);
  const got = await dd.evaluate((el) => el.value);
  expect(got === value, `the state dropdown shows "${got}" after choosing ${value}`);
}

/** Closes an open dropdown list (Escape on the dropdown keeps the page as it was). */
async function page_escape(frame) {
  await frame.locator('#quiz-form vscode-dropdown').first().press('Escape').catch(() => undefined);
}

/**
 * Answers the question the panel shows with `input` (a state name, a number, or for a segment
 * question an object of field values).
 */
async function answer(frame, kind, input, screenshot) {
  if (kind === 'state') await pickState(frame, input, screenshot);
  else if (kind === 'seq' || kind === 'ack' || kind === 'number') await frame.locator('#quiz-form vscode-text-field input').first().fill(String(input));
  else if (kind === 'choice') await frame.locator('#quiz-form vscode-radio').nth(Number(input)).click();
  else throw new Error(`the e2e case cannot answer a "${kind}" question`);
  await frame.locator('[data-action="quiz-submit"]').first().click();
}

/** A wrong answer of the same kind as the engine's `right` one. */
function wrongFor(kind, right, q) {
  if (kind === 'choice') return String((Number(right) + 1) % q.choices.length);
  if (kind === 'state') return ['CLOSED', 'LISTEN', 'ESTABLISHED', 'SYN-SENT'].find((s) => s !== right);
  return String(Number(right) + 1);
}

/** The engine's answer in the form the panel's control takes it. */
function rightFor(lib, q, ctx) {
  const a = lib.computeAnswer(q, ctx);
  if (a.kind === 'state') return a.state;
  if (a.kind === 'number') return String(a.value);
  if (a.kind === 'choice') return String(a.index); // 0-based: the nth radio button
  return lib.formatAnswer(q, a, ctx, 'en');
}

/** Everything in the webview's document that a hostile file could have injected. */
async function injected(frame) {
  return frame.locator('body').evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    const onAttrs = all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 80));
    const imgs = [...document.querySelectorAll('img')].map((i) => i.getAttribute('src') ?? '');
    // Mermaid turns <img> in labels into real elements when it does not escape them.
    const svgImgs = [...document.querySelectorAll('svg image, svg foreignObject img')].length;
    const scripts = [...document.querySelectorAll('script')].filter((s) => /alert/.test(s.textContent ?? '')).length;
    const bodyText = document.body.innerText;
    return { onAttrs, imgs, svgImgs, scripts, bodyText };
  });
}

export async function moreCases(ctx) {
  const { page, checks, screenshot, panelContent, diagramFacts, showDiagramFor, projectLib, FIXTURES, root, consoleLog } = ctx;
  const N = MORE_CASE_NAMES;
  // When these cases run alone (--grep), the extension's commands may not be in the palette yet.
  await paletteEntries(page, 'TCP Tutor: Show Diagram').catch(() => undefined);

  // 1. The Lessons view, an answered question, and progress across a reload.
  await checks.check(
    N[0],
    async () => {
      const lib = await projectLib();
      const lessonFile = join(root, 'lessons', '02-handshake.tcp.yaml');
      const { exercise } = lib.loadExercise(readFileSync(lessonFile, 'utf8'), lessonFile);
      expect(exercise, '02-handshake.tcp.yaml does not load');
      const title = exercise.title.en;
      const qctx = { trace: lib.simulate(exercise.scenario), scenario: exercise.scenario };

      await closeAllEditors(page);
      const course = (await openLessonsView(page)).filter({ hasText: COURSE_TITLE }).first();
      await course.waitFor({ state: 'visible', timeout: 20_000 });
      const row = await lessonRow(page, title);
      const before = (await row.getAttribute('aria-label')) ?? '';
      await row.click();

      const frame = webviewFrame(page);
      await frame.locator('#diagram svg').first().waitFor({ state: 'visible', timeout: 30_000 });
      const body = await textOf(frame.locator('#lesson-body'));
      expect(/passive OPEN/i.test(body) && body.length > 200, `#lesson-body does not show the lesson text: "${body.slice(0, 120)}"`);
      const form = frame.locator('#quiz-form[data-question]');
      await form.first().waitFor({ state: 'visible', timeout: 20_000 });
      // The panel may open on a question without a segment (a `choice` reveals at step 0): answer
      // such ones right and go on, stepping forward, until a state / seq / ack question shows.
      const skipped = [];
      let qid;
      let kind;
      for (let i = 0; i < 12; i += 1) {
        if (await form.first().isVisible()) {
          qid = await form.first().getAttribute('data-question');
          kind = await form.first().getAttribute('data-kind');
          if (['state', 'seq', 'ack'].includes(kind)) break;
          const other = exercise.questions.find((x) => x.id === qid);
          expect(other, `the panel asks question "${qid}", which the lesson file does not have`);
          await answer(frame, kind, rightFor(lib, other, qctx));
          await frame.locator('[data-action="quiz-continue"]').first().click();
          skipped.push(`${qid} (${kind})`);
        } else {
          await frame.locator('[data-action="next"]').first().click();
        }
        await sleep(400);
        kind = undefined;
      }
      expect(kind, `no state / seq / ack question showed (answered on the way: ${skipped.join(', ')})`);
      const q = exercise.questions.find((x) => x.id === qid);
      expect(q, `the panel asks question "${qid}", which the lesson file does not have`);
      const right = rightFor(lib, q, qctx);
      const wrong = wrongFor(kind, right, q);

      const feedback = frame.locator('#quiz-feedback');
      await answer(frame, kind, wrong, screenshot);
      await frame.locator('#quiz-feedback[data-status]').first().waitFor({ state: 'attached', timeout: 15_000 });
      const status1 = await feedback.getAttribute('data-status');
      const text1 = await textOf(feedback);
      expect(status1 === 'wrong', `answer ${wrong} got data-status="${status1}": "${text1}"`);
      expect(text1.length >= 5 && !/undefined|\[object|\{"/.test(text1), `the wrong-answer feedback is not readable text: "${text1}"`);
      await screenshot('lessons wrong answer');

      // After a wrong answer the form may need a moment to re-enable its submit button.
      await frame.locator('[data-action="quiz-submit"]:not([disabled])').first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
      await answer(frame, kind, right, screenshot);
      await frame.locator('#quiz-feedback[data-status="correct"]').first().waitFor({ state: 'attached', timeout: 15_000 });
      const explanation = await textOf(frame.locator('#quiz-feedback .explanation'));
      expect(explanation.length > 10, `no explanation after the right answer: "${await textOf(feedback)}"`);
      await screenshot('lessons right answer');

      // Reload the window: progress is kept in globalState and the view shows it again.
      const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 30_000 });
      await runCommand(page, 'Developer: Reload Window').catch(() => undefined);
      await navigated;
      await waitForWorkbench(page);
      await sleep(1500);
      const after = await lessonRow(page, title, 30_000);
      let label = '';
      let desc = '';
      for (let i = 0; i < 20; i += 1) {
        label = (await after.getAttribute('aria-label')) ?? '';
        desc = (await after.locator('.label-description').first().innerText().catch(() => '')) ?? '';
        if (/[1-9]\d*\/\d+/.test(`${desc} ${label}`)) break;
        await sleep(500);
      }
      const m = /(\d+)\/(\d+)/.exec(desc) ?? /(\d+)\/(\d+)/.exec(label);
      expect(m && Number(m[1]) >= 1, `after a reload the lesson row shows "${desc}" / "${label}" (before answering: "${before}")`);
      await screenshot('lessons progress after reload');
      // The panel open before the reload comes back (its serializer) with its diagram.
      const restored = await webviewFrame(page).locator('#diagram svg').first().waitFor({ state: 'visible', timeout: 20_000 }).then(() => 'restored with its diagram', () => 'NOT restored: blank');
      await screenshot('lessons panel after reload');
      expect(restored.startsWith('restored'), `after a reload the lesson panel is blank (see lessons-panel-after-reload.png)`);
      return `answered first: ${skipped.join(', ') || 'none'}; question ${qid} (${kind}): ${wrong} → wrong "${text1.slice(0, 80)}"; ${right} → correct; after reload "${desc || label}", panel ${restored}`;
    },
    { timeoutMs: 150_000 },
  );

  // 2. Authoring: diagnostics as you type, and the preview follows the unsaved edit.
  await checks.check(
    N[1],
    async () => {
      const file = 'authoring.tcp.yaml';
      const source = readFileSync(join(FIXTURES, file), 'utf8').split('\n');
      const badLine = source.findIndex((l) => l.includes('connect nowhere')) + 1;
      await closeAllEditors(page);
      await openFile(page, file);
      await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)').catch(() => runCommand(page, 'Problems: Focus on Problems View'));
      const markers = page.locator('.markers-panel .monaco-list-row', { hasText: /host|nowhere/i });
      await markers.first().waitFor({ state: 'visible', timeout: 20_000 });
      const markerLabel = (await markers.first().getAttribute('aria-label')) ?? (await markers.first().innerText());
      const rowText = await markers.first().innerText();
      const lineMatch = /\[(?:Ln|行)\s*(\d+)/.exec(rowText) ?? /line (\d+)/i.exec(markerLabel) ?? /\((\d+),\s*\d+\)/.exec(rowText);
      expect(lineMatch && Number(lineMatch[1]) === badLine, `the problem is at "${rowText.replace(/\s+/g, ' ')}" / "${markerLabel}", the unknown host is on line ${badLine}`);
      const squiggles = page.locator('.monaco-editor .squiggly-error');
      await squiggles.first().waitFor({ state: 'attached', timeout: 10_000 });

      // The preview beside the editor (the editor keeps the focus for typing).
      await openFile(page, file);
      await runCommand(page, 'TCP Tutor: Open Preview to the Side');
      const frame = webviewFrame(page);
      await frame.locator('#load-error').first().waitFor({ state: 'visible', timeout: 30_000 });
      const errorText = await textOf(frame.locator('#load-error'));
      await screenshot('authoring broken');

      // Fix the line by typing in the editor: Ctrl+G, the line, select it, type the fix. No save.
      await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+G');
      await page.keyboard.type(String(badLine));
      await page.keyboard.press('Enter');
      await page.keyboard.press('Home');
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+End');
      await page.keyboard.type('  - client: connect server');
      await page.keyboard.press('Escape');

      await page.locator('.markers-panel .monaco-list-row', { hasText: /nowhere/i }).first().waitFor({ state: 'detached', timeout: 20_000 });
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'detached', timeout: 20_000 });
      await frame.locator('#diagram svg').first().waitFor({ state: 'visible', timeout: 30_000 });
      await sleep(500);
      const stillError = await frame.locator('body').evaluate(() => {
        const el = document.querySelector('#load-error');
        return el instanceof window.HTMLElement && el.offsetParent !== null ? (el.textContent ?? '').trim() || '(empty)' : '';
      });
      expect(stillError === '', `the preview still shows the error after the fix: "${stillError}"`);
      await screenshot('authoring fixed');
      await runCommand(page, 'File: Revert File').catch(() => undefined);
      return `line ${badLine}: "${rowText.replace(/\s+/g, ' ').slice(0, 80)}"; preview "${errorText.slice(0, 60)}" → diagram`;
    },
    { timeoutMs: 120_000 },
  );

  // 3. ```tcp blocks in the built-in Markdown preview.
  await checks.check(N[2], async () => {
    await closeAllEditors(page);
    await openFile(page, 'notes.md');
    await runCommand(page, 'Markdown: Open Preview');
    const frame = webviewFrame(page);
    const svg = frame.locator('figure.tcp-tutor-md .tcp-tutor-md-diagram svg');
    await svg.first().waitFor({ state: 'visible', timeout: 30_000 });
    const error = frame.locator('.tcp-tutor-md-error');
    await error.first().waitFor({ state: 'visible', timeout: 10_000 });
    const facts = await frame.locator('figure.tcp-tutor-md').first().evaluate((fig) => ({
      caption: fig.querySelector('figcaption')?.textContent ?? '',
      labels: [...fig.querySelectorAll('svg text.messageText')].map((t) => t.textContent ?? ''),
    }));
    const errors = await frame.locator('.tcp-tutor-md-error').count();
    const errorText = await textOf(error);
    expect(facts.labels.length >= 3, `the valid block's diagram has ${facts.labels.length} arrows: ${JSON.stringify(facts.labels)}`);
    expect(errors === 1, `${errors} error blocks (expected 1, for the invalid block)`);
    expect(/nowhere|host/i.test(errorText), `the error block does not say what is wrong: "${errorText}"`);
    expect((await frame.locator('figure.tcp-tutor-md .tcp-tutor-md-error').count()) === 0, 'the valid block shows a rendering error');
    // The ```mermaid block is not ours: it is still there, outside our figures, untouched by us.
    const plain = await frame.locator('body').evaluate((body) => {
      const ours = [...body.querySelectorAll('figure.tcp-tutor-md')];
      const inOurs = (el) => ours.some((f) => f.contains(el));
      const code = [...body.querySelectorAll('code, pre, .mermaid, svg')].filter((el) => /Plain Mermaid|left alone/.test(el.textContent ?? '') && !inOurs(el));
      return { found: code.length, figures: ours.length };
    });
    expect(plain.found > 0, 'the ```mermaid block disappeared from the preview');
    expect(plain.figures === 1, `${plain.figures} TCP Tutor figures (one \`\`\`tcp block is valid)`);
    return `"${facts.caption}": ${facts.labels.join(' | ')}; error "${errorText.slice(0, 100)}"; the \`\`\`mermaid block left alone`;
  });

  // 4. Hostile input in the panel and in a Markdown preview.
  await checks.check(
    N[3],
    async () => {
      const dialogs = [];
      const onDialog = (d) => {
        dialogs.push(d.message());
        void d.dismiss().catch(() => undefined);
      };
      page.on('dialog', onDialog);
      const consoleStart = consoleLog.length;
      try {
        const found = await showDiagramFor('hostile.tcp.yaml');
        expect(found === 'svg', 'the panel shows no #diagram svg for the hostile file');
        const frame = webviewFrame(page);
        await frame.locator('#quiz-form').first().waitFor({ state: 'visible', timeout: 20_000 });
        // Answer right (the engine's answer) so the file's hostile explanation shows.
        const lib = await projectLib();
        const { exercise } = lib.loadExercise(readFileSync(join(FIXTURES, 'hostile.tcp.yaml'), 'utf8'), 'hostile.tcp.yaml');
        expect(exercise, 'hostile.tcp.yaml does not load with the project modules');
        const q = exercise.questions[0];
        await answer(frame, 'state', rightFor(lib, q, { trace: lib.simulate(exercise.scenario), scenario: exercise.scenario }));
        await frame.locator('#quiz-feedback[data-status="correct"]').first().waitFor({ state: 'attached', timeout: 15_000 });
        const explanation = await textOf(frame.locator('#quiz-feedback'));
        await frame.locator('h1, h2').first().scrollIntoViewIfNeeded().catch(() => undefined);
        await screenshot('hostile panel');
        await frame.locator('[data-action="quiz-continue"]').first().click().catch(() => undefined);
        await frame.locator('[data-action="last"]').first().click();
        await sleep(1500);
        const facts = await diagramFacts();
        const panel = await injected(frame);

        await closeAllEditors(page);
        await openFile(page, 'hostile.md');
        await runCommand(page, 'Markdown: Open Preview');
        const md = webviewFrame(page);
        await md.locator('figure.tcp-tutor-md .tcp-tutor-md-diagram svg').first().waitFor({ state: 'visible', timeout: 30_000 });
        const mdFacts = await md.locator('figure.tcp-tutor-md svg').first().evaluate((svg) => ({
          actors: [...svg.querySelectorAll('rect.actor-top')].length,
          caption: svg.closest('figure')?.querySelector('figcaption')?.textContent ?? '',
        }));
        const preview = await injected(md);
        // A figure forged with raw HTML (a flowchart in our class): refused, not drawn.
        const forged = await md.locator('figure.tcp-tutor-md', { hasText: 'Forged' }).first().evaluate((fig) => ({ svg: fig.querySelectorAll('svg').length, error: fig.querySelector('.tcp-tutor-md-error')?.textContent ?? '' }));
        await screenshot('hostile markdown preview');
        await sleep(500);

        const problems = [];
        // A sandboxed frame ignores alert() and CSP refuses inline handlers, each with a console line:
        // either one means markup from the file became an element.
        const alerts = consoleLog.slice(consoleStart).filter((l) => /Ignored call to 'alert|inline event handler|Refused to execute inline script/i.test(l));
        if (dialogs.length) problems.push(`dialogs opened: ${JSON.stringify(dialogs)}`);
        if (alerts.length) problems.push(`console: ${alerts.slice(0, 3).join(' / ')}`);
        for (const [where, d] of [
          ['panel', panel],
          ['markdown preview', preview],
        ]) {
          const bad = d.imgs.filter((src) => src === 'x' || src.endsWith('/x'));
          if (bad.length) problems.push(`${where}: ${bad.length} <img src=x> from the file`);
          if (d.onAttrs.length) problems.push(`${where}: elements with on* attributes: ${d.onAttrs.slice(0, 2).join(' ')}`);
          if (d.svgImgs) problems.push(`${where}: ${d.svgImgs} images inside the SVG`);
          if (d.scripts) problems.push(`${where}: a <script> with alert in the DOM`);
        }
        if (facts.actors.length !== 2) problems.push(`panel diagram participants: ${JSON.stringify(facts.actors)} (the file defines 2: end, participant)`);
        if (mdFacts.actors !== 2) problems.push(`markdown diagram has ${mdFacts.actors} participants (expected 2)`);
        if (!panel.bodyText.includes('<img src=x onerror=alert(1)>')) problems.push('the panel does not show the title as literal text');
        if (!panel.bodyText.includes('<img src=x onerror=alert(3)>')) problems.push('the panel does not show the lesson body\'s markup as literal text');
        if (!explanation.includes('<img src=x onerror=alert(6)>')) problems.push(`the explanation is not the literal text: "${explanation.slice(0, 120)}"`);
        if (!mdFacts.caption.includes('<img src=x onerror=alert(7)>')) problems.push(`the Markdown caption is not the literal title: "${mdFacts.caption}"`);
        if (forged.svg > 0 || !/not a sequence diagram/.test(forged.error)) problems.push(`a forged figure holding a flowchart was drawn (${forged.svg} svg, "${forged.error}")`);
        expect(problems.length === 0, problems.join('; '));
        return `participants ${facts.actors.join(' / ')}; no dialog, no injected element; caption "${mdFacts.caption.slice(0, 50)}"`;
      } finally {
        page.off('dialog', onDialog);
      }
    },
    { timeoutMs: 120_000 },
  );

  // 5. Keyboard stepping, segment details and the focus ring.
  await checks.check(N[4], async () => {
    const found = await showDiagramFor('handshake.tcp.yaml');
    expect(found === 'svg', 'the panel shows no #diagram svg');
    const frame = webviewFrame(page);
    const label = frame.locator('#step-label');
    const stepNow = async () => Number(await label.first().getAttribute('data-step'));
    const waitStep = async (n, what) => {
      for (let i = 0; i < 25; i += 1) {
        if ((await stepNow()) === n) return;
        await sleep(100);
      }
      throw new Error(`${what}: #step-label data-step is ${await stepNow()}, expected ${n}`);
    };
    // Focus the panel's document (not a control) the way a learner does: click an empty area.
    await frame.locator('#step-label').first().click();
    await page.keyboard.press('Home');
    await waitStep(0, 'Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await waitStep(2, '→ →');
    await page.keyboard.press('End');
    const rows = await frame.locator('#segment-table tr[data-segment]').count();
    await sleep(300);
    const last = await stepNow();
    expect(last >= 3 && last === rows, `End went to step ${last}; the trace has ${rows} segment rows`);

    const arrow = frame.locator('text.messageText[data-segment="1"]').first();
    await arrow.click();
    const details = frame.locator('#segment-details[data-segment="1"]');
    await details.first().waitFor({ state: 'visible', timeout: 10_000 });
    const dtext = await textOf(details);
    const bytes = await frame.locator('#segment-details .hex .byte').count();
    expect(/seq/i.test(dtext) && /window|wnd/i.test(dtext), `the details show no header fields: "${dtext.slice(0, 160)}"`);
    expect(bytes >= 20, `the hex dump has ${bytes} bytes (a TCP header has at least 20)`);

    // Back to step 0 (next / last enabled), then Shift+Tab from the step label, which follows
    // the step buttons, until one of them has the focus; its focus ring must be drawn.
    let ring;
    await frame.locator('#step-label').first().click();
    await page.keyboard.press('Home');
    await waitStep(0, 'Home again');
    for (let i = 0; i < 12 && !ring; i += 1) {
      await page.keyboard.press('Shift+Tab');
      ring = await frame.locator('body').evaluate(() => {
        const el = document.activeElement;
        if (!el || !/^(first|back|play|next|last)$/.test(el.getAttribute('data-action') ?? '')) return undefined;
        const inner = el.shadowRoot?.querySelector('.control, button') ?? el;
        const styles = [window.getComputedStyle(el), window.getComputedStyle(inner)];
        const drawn = styles.map((s) => ({ outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, shadow: s.boxShadow, border: s.borderColor }));
        const visible = styles.some((s) => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none'));
        return { action: el.getAttribute('data-action'), visible, drawn };
      });
    }
    expect(ring, 'Tab never reached a step button');
    await screenshot('keyboard focus ring');
    expect(ring.visible, `the focused "${ring.action}" button draws no focus ring: ${JSON.stringify(ring.drawn)}`);
    return `Home 0, → → 2, End ${last}; segment 1 details with ${bytes} bytes; focus ring on "${ring.action}" (${ring.drawn.map((d) => d.outline).join(' / ')})`;
  });

  // 6. Practice a Topic.
  await checks.check(N[5], async () => {
    await closeAllEditors(page);
    await runCommand(page, 'TCP Tutor: Practice a Topic');
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
    const topic = ((await rows.first().getAttribute('aria-label')) ?? '').trim();
    const count = await rows.count();
    await page.keyboard.press('Enter');
    const found = await panelContent();
    expect(found === 'svg', `practice "${topic}" shows no diagram`);
    const frame = webviewFrame(page);
    await frame.locator('#quiz-form[data-question]').first().waitFor({ state: 'visible', timeout: 20_000 });
    const prompt = await textOf(frame.locator('#quiz-prompt'));
    expect(prompt.length > 5, `the practice question has no prompt: "${prompt}"`);
    return `${count} topics; "${topic.slice(0, 50)}": "${prompt.slice(0, 80)}"`;
  });

  // 7. The walkthrough.
  await checks.check(N[6], async () => {
    await closeAllEditors(page);
    await openPalette(page);
    await page.locator('.quick-input-widget .quick-input-box input').fill('>Welcome: Open Walkthrough');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Open Walkthrough' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('Get started with TCP Tutor');
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Get started with TCP Tutor' }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
    const container = page.locator('.gettingStartedContainer');
    await container.first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.gettingStartedContainer', { hasText: 'Open the Lessons view' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    const steps = await page.locator('.gettingStartedContainer .getting-started-step').evaluateAll((els) => els.map((e) => (e.querySelector('.step-title')?.textContent ?? '').trim()).filter(Boolean));
    expect(steps.some((s) => /Lessons/.test(s)), `walkthrough steps: ${JSON.stringify(steps)}`);
    return `steps: ${steps.join(' | ')}`;
  });

  // 8. Chinese.
  await checks.check(
    N[7],
    async () => {
      await closeAllEditors(page);
      const chosen = await setEnumSetting(page, 'tcpTutor.language', 'zh-cn');
      expect(chosen === '' || chosen.includes('zh-cn'), `the settings dropdown shows "${chosen}"`);
      try {
        const row = await lessonRow(page, '三次握手', 20_000);
        const titles = await (await openLessonsView(page)).evaluateAll((els) => els.map((e) => (e.querySelector('.label-name')?.textContent ?? e.textContent ?? '').trim()));
        const english = titles.filter((t) => !HAN.test(t));
        await row.click();
        const frame = webviewFrame(page);
        await frame.locator('#lesson-body').first().waitFor({ state: 'visible', timeout: 30_000 });
        const body = await textOf(frame.locator('#lesson-body'));
        await sleep(500);
        await screenshot('lessons zh-cn');
        expect(HAN.test(body) && body.includes('被动打开'), `the lesson text is not Chinese: "${body.slice(0, 120)}"`);
        expect(english.length === 0, `Lessons view rows without Chinese: ${JSON.stringify(english)}`);
        // The frame around the lesson follows the setting too: no English score beside a Chinese title.
        const descriptions = await (await openLessonsView(page)).evaluateAll((els) => els.map((e) => (e.querySelector('.label-description')?.textContent ?? '').trim()).filter(Boolean));
        const englishScores = descriptions.filter((d) => /[A-Za-z]{3,}/.test(d));
        expect(englishScores.length === 0, `Lessons view scores in English: ${JSON.stringify(englishScores.slice(0, 3))}`);
        const stepLabel = await textOf(frame.locator('#step-label'));
        const toolbar = await textOf(frame.locator('#toolbar'));
        expect(HAN.test(stepLabel) && !/\bStep\b|Quiz mode|Export/.test(toolbar), `the panel's toolbar is not Chinese: "${toolbar.slice(0, 120)}"`);
        return `${titles.length} rows in Chinese, e.g. ${titles.slice(0, 3).join(' / ')}; scores ${JSON.stringify(descriptions.slice(0, 2))}; toolbar "${stepLabel}"; body "${body.slice(0, 40)}"`;
      } finally {
        await closeAllEditors(page);
        await setEnumSetting(page, 'tcpTutor.language', 'auto').catch(() => undefined);
      }
    },
    { timeoutMs: 120_000 },
  );

  // 9. From the Lessons case: the open state list must not sit under the panel's toolbar.
  await checks.check(N[8], async () => {
    expect(dropdownClicks.length > 0, 'no state question was answered with the dropdown (the Lessons case did not get that far)');
    const blocked = dropdownClicks.filter((c) => !c.ok);
    expect(blocked.length === 0, `clicking ${blocked.map((b) => b.value).join(', ')} in the open state list failed: ${blocked[0]?.why} (see state-dropdown-option-covered.png)`);
    return `clicked ${dropdownClicks.map((c) => c.value).join(', ')}`;
  });

  // 10. Two state questions revealed at the same step: only the asked one's answer is hidden?
  await checks.check(N[9], async () => {
    const file = 'two-questions.tcp.yaml';
    const lib = await projectLib();
    const { exercise } = lib.loadExercise(readFileSync(join(FIXTURES, file), 'utf8'), file);
    expect(exercise, `${file} does not load`);
    const trace = lib.simulate(exercise.scenario);
    const qctx = { trace, scenario: exercise.scenario };
    await showDiagramFor(file);
    const frame = webviewFrame(page);
    const form = frame.locator('#quiz-form[data-question]').first();
    await form.waitFor({ state: 'visible', timeout: 20_000 });
    const asked = await form.getAttribute('data-question');
    // The other question's answer, when its host *enters* that state because of the segment the
    // question follows: a note with that state would give the answer away.
    const leaks = [];
    for (const q of exercise.questions) {
      if (q.id === asked || q.ask !== 'state') continue;
      const state = lib.computeAnswer(q, qctx).state;
      const entered = trace.events.filter((e) => e.kind === 'state' && e.host === q.host && e.to === state && e.cause.type === 'segment' && e.cause.n === q.after);
      const elsewhere = trace.events.filter((e) => e.kind === 'state' && e.to === state).length;
      if (entered.length === 1 && elsewhere === 1) leaks.push({ id: q.id, host: q.host, state });
    }
    expect(leaks.length > 0, `the fixture does not set up the situation: question "${asked}" asked first`);
    // The asked question's own answer: the state its host is in at the stop, whenever it entered it.
    const askedQ = exercise.questions.find((q) => q.id === asked);
    if (askedQ?.ask === 'state') {
      const state = lib.computeAnswer(askedQ, qctx).state;
      if (trace.events.filter((e) => e.kind === 'state' && e.to === state).length === 1) leaks.push({ id: askedQ.id, host: askedQ.host, state });
    }
    const notes = await frame.locator('#diagram svg').first().evaluate((svg) => [...svg.querySelectorAll('text.noteText')].map((t) => (t.textContent ?? '').trim()));
    await screenshot('two questions first asked');
    const shown = leaks.filter((l) => notes.includes(l.state));
    expect(shown.length === 0, `while "${asked}" is asked, the diagram already shows ${shown.map((l) => `${l.state} (the answer to "${l.id}", ${l.host}'s state)`).join(', ')}; notes: ${JSON.stringify(notes)}`);
    return `asked "${asked}"; notes ${JSON.stringify(notes)}`;
  });

  // 11. Without retainContextWhenHidden the page is torn down when hidden: what comes back?
  await checks.check(N[10], async () => {
    const found = await showDiagramFor('quiz-ack.tcp.yaml');
    expect(found === 'svg', 'the panel shows no #diagram svg');
    let frame = webviewFrame(page);
    const quizBox = frame.locator('vscode-checkbox[data-action="quiz-mode"]').first();
    if (await quizBox.evaluate((el) => el.checked)) await quizBox.click();
    await frame.locator('#step-label').first().click();
    await page.keyboard.press('End');
    await frame.locator('text.messageText[data-segment="2"]').first().click();
    await frame.locator('#segment-details[data-segment="2"]').first().waitFor({ state: 'attached', timeout: 10_000 });
    const before = { step: await frame.locator('#step-label').first().getAttribute('data-step'), quiz: await quizBox.evaluate((el) => el.checked) };
    expect(before.quiz === false, 'quiz mode did not turn off');
    // Another editor in the panel's group hides it; then the learner clicks the panel's tab.
    await openFile(page, 'handshake.tcp.yaml');
    await page.locator('.tabs-container .tab', { hasText: 'TCP Tutor:' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await sleep(500);
    await page.locator('.tabs-container .tab', { hasText: 'TCP Tutor:' }).first().click();
    frame = webviewFrame(page);
    await frame.locator('#diagram svg').first().waitFor({ state: 'visible', timeout: 20_000 });
    const after = {
      step: await frame.locator('#step-label').first().getAttribute('data-step'),
      quiz: await frame.locator('vscode-checkbox[data-action="quiz-mode"]').first().evaluate((el) => el.checked),
      selected: await frame.locator('#segment-details').first().getAttribute('data-segment'),
    };
    await screenshot('panel state after hide');
    expect(after.step === before.step, `step ${before.step} → ${after.step} after the panel came back`);
    expect(after.quiz === false, 'quiz mode is on again after the panel came back');
    expect(after.selected === '2', `segment details show "${after.selected}", not segment 2`);
    return `step ${after.step}, quiz mode off, segment ${after.selected} selected after hide/show`;
  });

  // 10. Only with --locale: does VS Code apply package.nls.<locale>.json without a language pack?
  if (ctx.locale) {
    await checks.check(DISPLAY_LANGUAGE_CASE, async () => {
      await closeAllEditors(page);
      const nls = JSON.parse(readFileSync(join(root, `package.nls.${ctx.locale.toLowerCase()}.json`), 'utf8'));
      const rows = await openLessonsView(page).catch((err) => {
        throw new Error(`the Lessons view did not open: ${err instanceof Error ? err.message.split('\n')[0] : err}`);
      });
      const sidebarTitle = (await page.locator('.part.sidebar .title-label').first().innerText().catch(() => '')).trim();
      const iconLabel = (await page.locator('.activitybar .action-item .action-label[aria-label^="TCP"]').first().getAttribute('aria-label').catch(() => '')) ?? '';
      const palette = await paletteEntries(page, `TCP`, 8000);
      const lessons = await rows.evaluateAll((els) => els.map((e) => (e.querySelector('.label-name')?.textContent ?? '').trim()).filter(Boolean));
      const uiLang = await page.evaluate(() => document.documentElement.lang);
      await openLessonsView(page);
      await screenshot('display language');
      const facts = `html lang="${uiLang}"; side bar title "${sidebarTitle}"; activity bar "${iconLabel}"; palette ${JSON.stringify(palette.slice(0, 3))}; lessons ${JSON.stringify(lessons.slice(0, 3))}`;
      // Without a language pack VS Code's own UI stays English (code-server cannot download one
      // here); the extension must then be English too, and Chinese when the workbench is.
      const explorer = (await page.locator('.activitybar .action-item .action-label').first().getAttribute('aria-label')) ?? '';
      const workbenchChinese = HAN.test(explorer);
      if (!workbenchChinese) {
        const mixed = HAN.test(`${sidebarTitle} ${palette.join(' ')} ${lessons.join(' ')}`);
        expect(!mixed, `the workbench is English ("${explorer}") but the extension shows Chinese — ${facts}`);
        return `the workbench stays English without a language pack ("${explorer}"), and so does TCP Tutor — ${facts}`;
      }
      const problems = [];
      if (!sidebarTitle.includes(nls['view.lessons'])) problems.push(`the view title is not "${nls['view.lessons']}"`);
      if (!palette.some((l) => l.includes(nls['command.showDiagram']))) problems.push(`the palette has no "${nls['command.showDiagram']}"`);
      if (!lessons.some((t) => HAN.test(t))) problems.push('tcpTutor.language auto does not follow the display language (lesson titles are English)');
      expect(problems.length === 0, `${problems.join('; ')} — ${facts}`);
      return facts;
    });
  }
}

/**
 * Every string the diagram page shows, localized on the host with `vscode.l10n.t` so there is one
 * catalogue (`l10n/bundle.l10n.zh-cn.json`). The page receives them in the snapshot.
 */
import * as vscode from 'vscode';
import type { Disposition, SendReason } from '../engine/types';
import type { UiStrings } from '../protocol/messages';
import type { Acceptance } from '../quiz/types';

export function uiStrings(): UiStrings {
  return {
    lessonHeading: vscode.l10n.t('Lesson'),
    first: vscode.l10n.t('First segment (Home)'),
    back: vscode.l10n.t('Previous segment (←)'),
    next: vscode.l10n.t('Next segment (→)'),
    last: vscode.l10n.t('Last segment (End)'),
    play: vscode.l10n.t('Play (Space)'),
    pause: vscode.l10n.t('Pause (Space)'),
    stepLabel: vscode.l10n.t('Step {0} of {1}'),
    pageLabel: vscode.l10n.t('Segments {0}–{1} of {2}'),
    numbersRelative: vscode.l10n.t('Relative numbers'),
    numbersAbsolute: vscode.l10n.t('Absolute numbers'),
    numbersToggle: vscode.l10n.t('Show sequence numbers relative to each side\'s ISN'),
    zoomIn: vscode.l10n.t('Zoom in (+, Ctrl+wheel)'),
    zoomOut: vscode.l10n.t('Zoom out (−, Ctrl+wheel)'),
    zoomFit: vscode.l10n.t('Fit to width (0)'),
    copyMermaid: vscode.l10n.t('Copy Mermaid source'),
    copyMarkdown: vscode.l10n.t('Copy as Markdown'),
    saveSvg: vscode.l10n.t('Save as SVG…'),
    savePngLight: vscode.l10n.t('Save as PNG (light background)…'),
    savePngDark: vscode.l10n.t('Save as PNG (dark background)…'),
    exportMenu: vscode.l10n.t('Export'),
    tcbCaption: vscode.l10n.t('Each host\'s TCB after step {0}'),
    tcbField: vscode.l10n.t('Field'),
    tcbState: vscode.l10n.t('State'),
    tcbTimers: vscode.l10n.t('Timers'),
    noTimers: vscode.l10n.t('none'),
    hiddenDuringQuestion: vscode.l10n.t('Hidden until you answer the question.'),
    segmentsCaption: vscode.l10n.t('Segments and state changes (text alternative to the diagram)'),
    diagramLabel: vscode.l10n.t('Sequence diagram: segments {0} of {1} between {2}'),
    detailsHeading: vscode.l10n.t('Segment {0}: {1} → {2}'),
    detailsEmpty: vscode.l10n.t('Click an arrow\'s label, or choose a row in the segment table, to see that segment\'s header, bits and bytes.'),
    field: vscode.l10n.t('Field'),
    value: vscode.l10n.t('Value'),
    flagsBits: vscode.l10n.t('Control bits'),
    wireBytes: vscode.l10n.t('Bytes on the wire (hex); choose a field to highlight it'),
    whySent: vscode.l10n.t('Why it was sent'),
    whatHappened: vscode.l10n.t('What the receiver did'),
    lost: vscode.l10n.t('The network lost this segment.'),
    retransmitted: vscode.l10n.t('Retransmission'),
    injectedNote: vscode.l10n.t('Crafted by the scenario'),
    noOptions: vscode.l10n.t('no options'),
    payloadLength: vscode.l10n.t('Data length'),
    renderError: vscode.l10n.t('The diagram could not be drawn:'),
    quizHeading: vscode.l10n.t('Question {0} of {1}'),
    quizMode: vscode.l10n.t('Quiz mode'),
    submit: vscode.l10n.t('Check answer'),
    hint: vscode.l10n.t('Hint'),
    noMoreHints: vscode.l10n.t('No more hints.'),
    skip: vscode.l10n.t('Skip question'),
    continue: vscode.l10n.t('Continue'),
    correct: vscode.l10n.t('Correct!'),
    wrong: vscode.l10n.t('Not quite.'),
    invalid: vscode.l10n.t('That is not an answer to this question:'),
    triesLeft: vscode.l10n.t('Tries left: {0}'),
    answerWas: vscode.l10n.t('Answer: {0}'),
    answerToContinue: vscode.l10n.t('Answer the question to continue, or skip it.'),
    allAnswered: vscode.l10n.t('All questions answered.'),
    chooseState: vscode.l10n.t('Choose a state'),
    chooseAcceptance: vscode.l10n.t('What does the receiver do with it?'),
    chooseOne: vscode.l10n.t('Choose one'),
    yourAnswer: vscode.l10n.t('Your answer'),
    keyboardHelp: vscode.l10n.t('Keys: Home first, ← back, → next, End last, Space play/pause, + and − zoom, 0 fit to width'),
    loading: vscode.l10n.t('Loading…'),
    timerAt: vscode.l10n.t('{0} (expires at {1} ms)'),
    time: vscode.l10n.t('Time'),
    warnings: vscode.l10n.t('Warnings'),
    fSrcPort: vscode.l10n.t('Source port'),
    fDstPort: vscode.l10n.t('Destination port'),
    fSeq: vscode.l10n.t('Sequence number'),
    fAck: vscode.l10n.t('Acknowledgment number'),
    fDataOffset: vscode.l10n.t('Data offset'),
    fReserved: vscode.l10n.t('Reserved'),
    fFlags: vscode.l10n.t('Control bits'),
    fWindow: vscode.l10n.t('Window'),
    fChecksum: vscode.l10n.t('Checksum'),
    fUrgent: vscode.l10n.t('Urgent pointer'),
    fOptions: vscode.l10n.t('Options'),
    fPadding: vscode.l10n.t('Padding'),
    fPayload: vscode.l10n.t('Data'),
    fLen: vscode.l10n.t('Data length'),
    pageOf: vscode.l10n.t('Page {0} of {1}'),
    prevPage: vscode.l10n.t('Previous page'),
    nextPage: vscode.l10n.t('Next page'),
    stateAfter: vscode.l10n.t('{0}: {1} → {2}'),
  };
}

export function reasonTexts(): Record<SendReason, string> {
  return {
    'active-open': vscode.l10n.t('The application called CONNECT (active OPEN): the host sends a SYN carrying its initial sequence number (ISS) and enters SYN-SENT.'),
    'syn-ack': vscode.l10n.t('A SYN arrived: the host answers with its own SYN and acknowledges the peer\'s (ACK = peer\'s ISN + 1).'),
    'handshake-ack': vscode.l10n.t('An acceptable SYN,ACK arrived: this ACK completes the three-way handshake.'),
    data: vscode.l10n.t('The application called SEND: the data goes out within the peer\'s window.'),
    ack: vscode.l10n.t('Data or a FIN arrived: the host acknowledges it (ACK = the new RCV.NXT).'),
    fin: vscode.l10n.t('The application called CLOSE: a FIN says this side will send no more data. It takes one sequence number.'),
    'fin-ack-combined': vscode.l10n.t('The application called CLOSE: the FIN also carries the acknowledgment the peer was owed.'),
    retransmission: vscode.l10n.t('The retransmission timer expired before this data was acknowledged, so it is sent again.'),
    'rst-no-socket': vscode.l10n.t('No connection matches this segment, so the host answers with a reset (RFC 9293 §3.10.7.1).'),
    'rst-abort': vscode.l10n.t('The application called ABORT: the connection is reset at once.'),
    'rst-unacceptable': vscode.l10n.t('The segment acknowledged something never sent, so the host answers with a reset (RFC 9293 §3.10.7).'),
    'rst-half-open': vscode.l10n.t('The host rebooted and has no record of this connection: it resets the half-open connection (RFC 9293 §3.5.2).'),
    'challenge-ack': vscode.l10n.t('An RST or SYN inside the window might be forged: instead of acting on it, the host sends a challenge ACK (RFC 5961).'),
    'ack-unacceptable': vscode.l10n.t('The segment was not acceptable (outside the receive window): the host drops it and sends an ACK (RFC 9293 §3.10.7.4).'),
    'time-wait-ack': vscode.l10n.t('A retransmitted FIN arrived in TIME-WAIT: the host acknowledges it again and restarts the 2×MSL timer.'),
    'syn-cookie': vscode.l10n.t('The SYN,ACK\'s initial sequence number is a SYN cookie: the listener keeps no state until the final ACK returns it.'),
    injected: vscode.l10n.t('The scenario crafted this segment (for example a spoofed or stray segment).'),
    duplicate: vscode.l10n.t('The network delivered a second copy of an earlier segment.'),
  };
}

export function dispositionTexts(): Record<Disposition, string> {
  return {
    accepted: vscode.l10n.t('The receiver accepted and processed it.'),
    ignored: vscode.l10n.t('The receiver dropped it without answering.'),
    'answered-ack': vscode.l10n.t('The receiver found it unacceptable and answered with an ACK.'),
    'answered-challenge-ack': vscode.l10n.t('The receiver answered with a challenge ACK.'),
    'answered-rst': vscode.l10n.t('The receiver answered with a reset.'),
    reset: vscode.l10n.t('An acceptable reset: the receiver closed the connection.'),
    'backlog-full': vscode.l10n.t('The receiver\'s SYN backlog was full, so the SYN was dropped.'),
    'cookie-rejected': vscode.l10n.t('The ACK carried an invalid or stale SYN cookie and was rejected.'),
  };
}

export function acceptanceTexts(): Record<Acceptance, string> {
  return {
    accepted: vscode.l10n.t('Accepts it'),
    ignored: vscode.l10n.t('Drops it silently'),
    ack: vscode.l10n.t('Drops it and sends an ACK'),
    'challenge-ack': vscode.l10n.t('Sends a challenge ACK'),
    rst: vscode.l10n.t('Sends a reset (RST)'),
  };
}

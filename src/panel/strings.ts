/**
 * Every string the diagram page shows, localized on the host with `vscode.l10n.t` so there is one
 * catalogue (`l10n/bundle.l10n.zh-cn.json`). The page receives them in the snapshot.
 */
import type { Disposition, SendReason } from '../engine/types';
import type { UiStrings } from '../protocol/messages';
import type { Acceptance } from '../quiz/types';
import { t } from '../l10n';

export function uiStrings(): UiStrings {
  return {
    lessonHeading: t('Lesson'),
    first: t('First segment (Home)'),
    back: t('Previous segment (←)'),
    next: t('Next segment (→)'),
    last: t('Last segment (End)'),
    play: t('Play (Space)'),
    pause: t('Pause (Space)'),
    stepLabel: t('Step {0} of {1}'),
    pageLabel: t('Segments {0}–{1} of {2}'),
    numbersRelative: t('Relative numbers'),
    numbersAbsolute: t('Absolute numbers'),
    numbersToggle: t('Show sequence numbers relative to each side\'s ISN'),
    zoomIn: t('Zoom in (+, Ctrl+wheel)'),
    zoomOut: t('Zoom out (−, Ctrl+wheel)'),
    zoomFit: t('Fit to width (0)'),
    copyMermaid: t('Copy Mermaid source'),
    copyMarkdown: t('Copy as Markdown'),
    saveSvg: t('Save as SVG…'),
    savePngLight: t('Save as PNG (light background)…'),
    savePngDark: t('Save as PNG (dark background)…'),
    exportMenu: t('Export'),
    tcbCaption: t('Each host\'s TCB after step {0}'),
    tcbField: t('Field'),
    tcbState: t('State'),
    tcbTimers: t('Timers'),
    noTimers: t('none'),
    hiddenDuringQuestion: t('Hidden until you answer the question.'),
    segmentsCaption: t('Segments and state changes (text alternative to the diagram)'),
    diagramLabel: t('Sequence diagram: segments {0} of {1} between {2}'),
    detailsHeading: t('Segment {0}: {1} → {2}'),
    detailsEmpty: t('Click an arrow\'s label, or choose a row in the segment table, to see that segment\'s header, bits and bytes.'),
    field: t('Field'),
    value: t('Value'),
    flagsBits: t('Control bits'),
    wireBytes: t('Bytes on the wire (hex); choose a field to highlight it'),
    whySent: t('Why it was sent'),
    whatHappened: t('What the receiver did'),
    lost: t('The network lost this segment.'),
    retransmitted: t('Retransmission'),
    injectedNote: t('Crafted by the scenario'),
    noOptions: t('no options'),
    payloadLength: t('Data length'),
    renderError: t('The diagram could not be drawn:'),
    quizHeading: t('Question {0} of {1}'),
    quizMode: t('Quiz mode'),
    submit: t('Check answer'),
    hint: t('Hint'),
    noMoreHints: t('No more hints.'),
    skip: t('Skip question'),
    continue: t('Continue'),
    correct: t('Correct!'),
    wrong: t('Not quite.'),
    invalid: t('That is not an answer to this question:'),
    triesLeft: t('Tries left: {0}'),
    answerWas: t('Answer: {0}'),
    answerToContinue: t('Answer the question to continue, or skip it.'),
    allAnswered: t('All questions answered.'),
    chooseState: t('Choose a state'),
    chooseAcceptance: t('What does the receiver do with it?'),
    chooseOne: t('Choose one'),
    yourAnswer: t('Your answer'),
    keyboardHelp: t('Keys: Home first, ← back, → next, End last, Space play/pause, + and − zoom, 0 fit to width'),
    loading: t('Loading…'),
    timerAt: t('{0} (expires at {1} ms)'),
    time: t('Time'),
    warnings: t('Warnings'),
    misconceptionsHeading: t('Common misconceptions ({0})'),
    fSrcPort: t('Source port'),
    fDstPort: t('Destination port'),
    fSeq: t('Sequence number'),
    fAck: t('Acknowledgment number'),
    fDataOffset: t('Data offset'),
    fReserved: t('Reserved'),
    fFlags: t('Control bits'),
    fWindow: t('Window'),
    fChecksum: t('Checksum'),
    fUrgent: t('Urgent pointer'),
    fOptions: t('Options'),
    fPadding: t('Padding'),
    fPayload: t('Data'),
    fLen: t('Data length'),
    pageOf: t('Page {0} of {1}'),
    prevPage: t('Previous page'),
    nextPage: t('Next page'),
    stateAfter: t('{0}: {1} → {2}'),
  };
}

export function reasonTexts(): Record<SendReason, string> {
  return {
    'active-open': t('The application called CONNECT (active OPEN): the host sends a SYN carrying its initial sequence number (ISS) and enters SYN-SENT.'),
    'syn-ack': t('A SYN arrived: the host answers with its own SYN and acknowledges the peer\'s (ACK = peer\'s ISN + 1).'),
    'handshake-ack': t('An acceptable SYN,ACK arrived: this ACK completes the three-way handshake.'),
    data: t('The application called SEND: the data goes out within the peer\'s window.'),
    ack: t('Data or a FIN arrived: the host acknowledges it (ACK = the new RCV.NXT).'),
    fin: t('The application called CLOSE: a FIN says this side will send no more data. It takes one sequence number.'),
    'fin-ack-combined': t('The application called CLOSE: the FIN also carries the acknowledgment the peer was owed.'),
    retransmission: t('The retransmission timer expired before this data was acknowledged, so it is sent again.'),
    'rst-no-socket': t('No connection matches this segment, so the host answers with a reset (RFC 9293 §3.10.7.1).'),
    'rst-abort': t('The application called ABORT: the connection is reset at once.'),
    'rst-unacceptable': t('The segment acknowledged something never sent, so the host answers with a reset (RFC 9293 §3.10.7).'),
    'rst-half-open': t('The host rebooted and has no record of this connection: it resets the half-open connection (RFC 9293 §3.5.2).'),
    'challenge-ack': t('An RST or SYN inside the window might be forged: instead of acting on it, the host sends a challenge ACK (RFC 5961).'),
    'ack-unacceptable': t('The segment was not acceptable (outside the receive window): the host drops it and sends an ACK (RFC 9293 §3.10.7.4).'),
    'time-wait-ack': t('A retransmitted FIN arrived in TIME-WAIT: the host acknowledges it again and restarts the 2×MSL timer.'),
    'syn-cookie': t('The SYN,ACK\'s initial sequence number is a SYN cookie: the listener keeps no state until the final ACK returns it.'),
    injected: t('The scenario crafted this segment (for example a spoofed or stray segment).'),
    duplicate: t('The network delivered a second copy of an earlier segment.'),
  };
}

export function dispositionTexts(): Record<Disposition, string> {
  return {
    accepted: t('The receiver accepted and processed it.'),
    ignored: t('The receiver dropped it without answering.'),
    'answered-ack': t('The receiver found it unacceptable and answered with an ACK.'),
    'answered-challenge-ack': t('The receiver answered with a challenge ACK.'),
    'answered-rst': t('The receiver answered with a reset.'),
    reset: t('An acceptable reset: the receiver closed the connection.'),
    'backlog-full': t('The receiver\'s SYN backlog was full, so the SYN was dropped.'),
    'cookie-rejected': t('The ACK carried an invalid or stale SYN cookie and was rejected.'),
  };
}

export function acceptanceTexts(): Record<Acceptance, string> {
  return {
    accepted: t('Accepts it'),
    ignored: t('Drops it silently'),
    ack: t('Drops it and sends an ACK'),
    'challenge-ack': t('Sends a challenge ACK'),
    rst: t('Sends a reset (RST)'),
  };
}

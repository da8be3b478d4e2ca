/** The renderers: Mermaid sequence diagrams and their text alternative. Pure. */
export { renderMermaid, participantIds, escapeLabel, pageFor, type MermaidOptions } from './mermaid';
export { traceTable, type TableOptions, type TableRow, type TraceTable } from './table';
export {
  segmentSummary,
  segmentLabel,
  segmentMarkers,
  displayNumbers,
  flagsText,
  durationText,
  timerText,
  timerName,
  dispositionText,
  causeText,
  word,
  type NumberMode,
  type WordKey,
  type LabelOptions,
  type SummaryOptions,
} from './labels';
export { segmentPhases, PHASES, PHASE_COLORS, type Phase } from './phases';
export { crosses, crossingRuns } from './crossing';
export { buildTimeline, segmentPosition, stateHideStart, stateHider, type StateHide, type Timeline, type TimelineItem, type RangeOptions } from './timeline';

/**
 * The exercise format (`*.tcp.yaml`): parsing with exact positions, the JSON Schema, meaning
 * checks, conversion to the engine's `Scenario`, and `check` (which runs the engine). Pure: no
 * vscode, DOM or Node API, so the extension, the webview and the CLI share it.
 */
export { loadExercise } from './load';
export { checkExercise, checkExerciseFull, type CheckOutcome } from './check';
export { exerciseToJson, causeString, roundTime, type TraceJson } from './json';
export { callFailures, idleFaults, type CallFailure, type IdleFault } from './outcome';
export { limitMessage, callError } from './messages';
export { STARTER_TEMPLATE } from './template';
export { EXERCISE_SCHEMA } from './schema';
export { parseDuration, didYouMean, editDistance } from './util';
export { EXERCISE_LIMITS, type Diagnostic, type Exercise, type LoadResult, type SourceRange } from './types';

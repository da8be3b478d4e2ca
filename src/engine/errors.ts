/** Raised for a scenario the engine cannot run at all (a connect to an unknown host, ...). */
export class ScenarioError extends Error {
  constructor(
    message: string,
    /** The `source` of the step (or fault) at fault, passed through from the scenario. */
    readonly source?: unknown,
  ) {
    super(message);
    this.name = 'ScenarioError';
  }
}

import { describe, expect, it, vi } from 'vitest';
import { checkExercise } from '../../../src/exercise';
import { HANDSHAKE } from './helpers';

// The format's own checks catch every ScenarioError the engine raises today (unknown hosts,
// self-connects, shared addresses), so this file stands in an engine that still raises one, to
// check that its `source` maps back to the step's line.
vi.mock('../../../src/engine', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/engine')>();
  return {
    ...real,
    simulate: (scenario: import('../../../src/engine').Scenario) => {
      const step = scenario.steps[1];
      throw new real.ScenarioError('connect: no route', step.source);
    },
  };
});

describe('engine errors', () => {
  it('a ScenarioError is reported at the source of its step', () => {
    const ds = checkExercise(HANDSHAKE, 'x.tcp.yaml');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'engine-error', severity: 'error', line: 9, column: 5, message: 'the scenario cannot run: connect: no route' });
  });
});

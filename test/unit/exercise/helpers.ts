/** Builders of small exercise files for the format tests. */
export const HEADER = `tcp-tutor: 1
title: t
hosts:
  client: { address: 10.0.0.1, port: 40000, isn: 1000 }
  server: { address: 10.0.0.2, port: 80, isn: 5000 }
`;

/** A valid file: the header plus `rest` (YAML at top level). */
export function file(rest: string): string {
  return HEADER + rest;
}

export const HANDSHAKE = file(`network: { latency: 50ms }
steps:
  - server: listen
  - client: connect server
`);

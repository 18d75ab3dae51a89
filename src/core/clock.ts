/**
 * The clock of a run. SHIPGATE_TEST_CLOCK (tests only): an ISO-8601 instant the clock starts from; it then
 * advances in real time, so that waiting works. Read by the doors, nowhere else; results say when it is set.
 */
export interface Clock {
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  note?: string;
}

export function clockOf(env: NodeJS.ProcessEnv): Clock {
  const start = env.SHIPGATE_TEST_CLOCK;
  const instant = start ? Date.parse(start) : Number.NaN;
  const offset = Number.isNaN(instant) ? 0 : instant - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...(Number.isNaN(instant) ? {} : { note: `The clock was set by SHIPGATE_TEST_CLOCK to start at ${start}.` }),
  };
}

// A prompt and the live progress share one terminal. The renderer drawing progress on a stream registers here;
// the prompter, before asking on the same stream, tells it, so the renderer can write what it holds back (the
// plan, which it sorts before showing) and take its spinner down; once the answer is in, the spinner comes back.
// Matched by stream object: the CLI hands the renderer and the prompter the same stderr, with no wiring
// between them.

export interface PromptAware {
  /** A question is about to be drawn: flush pending lines, remove anything live. */
  promptStarting(): void;
  /** The question was answered (or abandoned): live output may resume. */
  promptEnded(): void;
}

const watchers = new WeakMap<object, Set<PromptAware>>();

/** Registers a renderer drawing on `stream`; returns its unregistration. */
export function watchPrompts(stream: object, watcher: PromptAware): () => void {
  let set = watchers.get(stream);
  if (set === undefined) {
    set = new Set();
    watchers.set(stream, set);
  }
  set.add(watcher);
  return () => {
    watchers.get(stream)?.delete(watcher);
  };
}

/** Runs `ask` with every renderer drawing on `stream` paused around it. */
export async function duringPrompt<T>(stream: object, ask: () => Promise<T>): Promise<T> {
  const paused = [...(watchers.get(stream) ?? [])];
  for (const watcher of paused) watcher.promptStarting();
  try {
    return await ask();
  } finally {
    for (const watcher of paused) watcher.promptEnded();
  }
}

// The page's handle on the builder Web Worker. Comlink calls never settle
// when the worker dies, so every call also races the worker's error events,
// and a build also races its time budget.
import { wrap, type Remote } from "comlink";
import type { BuildRequest, BuildResult } from "../builder/types";
import type { BuilderApi } from "../builder/worker";

export interface BuilderClient {
  /** Fetches the library OS in the worker and returns its version. */
  loadLibrary(imagesUrl: string): Promise<string>;
  /**
   * Builds in the worker. Rejects with BuildTimeoutError after `budgetMs`;
   * the worker is then still busy, so the caller must dispose this client.
   */
  build(request: BuildRequest, budgetMs: number): Promise<BuildResult>;
  dispose(): void;
}

/** A build ran past its time budget. */
export class BuildTimeoutError extends Error {
  constructor(readonly budgetMs: number) {
    super(`the build took longer than ${budgetMs} ms`);
  }
}

function describeWorkerError(event: Event): string {
  if (event instanceof ErrorEvent && event.message) return event.message;
  if (event instanceof MessageEvent) return "a message from the worker could not be deserialized";
  return "the worker script failed to load or crashed";
}

export function createBuilderClient(): BuilderClient {
  const worker = new Worker(new URL("../builder/worker.ts", import.meta.url), { type: "module", name: "builder" });
  const api: Remote<BuilderApi> = wrap<BuilderApi>(worker);

  let failure: Error | undefined;
  const failed = new Promise<never>((_, reject) => {
    const onFailure = (event: Event) => {
      failure ??= new Error(describeWorkerError(event));
      reject(failure);
    };
    worker.addEventListener("error", onFailure);
    worker.addEventListener("messageerror", onFailure);
  });
  // Callers see the rejection through `call`, and this handler keeps it from being reported as unhandled.
  failed.catch(() => {});

  function call<T>(operation: () => Promise<T>): Promise<T> {
    if (failure) return Promise.reject(failure);
    return Promise.race([operation(), failed]);
  }

  return {
    loadLibrary: (imagesUrl) => call(() => api.loadLibrary(imagesUrl)),
    build(request, budgetMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new BuildTimeoutError(budgetMs)), budgetMs);
      });
      return call(() => Promise.race([api.build(request), expired])).finally(() => clearTimeout(timer));
    },
    dispose: () => worker.terminate(),
  };
}

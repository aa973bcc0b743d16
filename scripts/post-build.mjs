// Trunk post_build hook. Hooks of one stage run concurrently, so the steps
// that depend on each other run here, in order: first move the inline loader
// to a file, then list every built file (the loader too) for the worker.
await import("./externalize-loader.mjs");
await import("./generate-sw.mjs");

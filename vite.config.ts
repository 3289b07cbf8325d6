import { resolve } from "node:path";
import { defineConfig } from "vite";

// `base: "./"` makes every asset URL in dist/ relative, so the playground
// works when it is served from a subpath. Files in public/ (the library OS
// under public/images/) are copied to the root of dist/ and served as
// `images/...` next to index.html. Three pages share the chunks: the
// playground, the embed widget and the tutorials; `widget.js` (the
// <unikernel-playground> element) keeps a fixed name for other sites.
export default defineConfig({
  base: "./",
  build: {
    target: "es2022",
    // Monaco alone is about 4 MB of JavaScript, far above the default
    // 500 kB warning, and it is loaded once per visit.
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, "index.html"),
        embed: resolve(import.meta.dirname, "embed.html"),
        tutorials: resolve(import.meta.dirname, "tutorials.html"),
        widget: resolve(import.meta.dirname, "src/editor/widget/element.ts"),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === "widget" ? "widget.js" : "assets/[name]-[hash].js"),
      },
    },
  },
  worker: {
    format: "es",
  },
  server: {
    host: "127.0.0.1",
  },
  preview: {
    host: "127.0.0.1",
  },
});

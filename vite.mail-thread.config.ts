import { defineConfig } from "vite";

// The mail thread's own bundle: its dependencies stay in node_modules, as in the server build.
export default defineConfig({
  build: {
    ssr: "./app/server/mail-thread.ts",
    outDir: "build/mail-thread",
    emptyOutDir: true,
    copyPublicDir: false,
    rollupOptions: { output: { entryFileNames: "index.js" } },
  },
});

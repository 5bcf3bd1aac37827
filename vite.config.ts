import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

export default defineConfig({
  // The server build's entry is the Express app, which wraps the React Router handler.
  environments: {
    ssr: { build: { rollupOptions: { input: "./app/server/app.ts" } } },
  },
  plugins: [reactRouter()],
});

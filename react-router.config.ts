import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  appDirectory: "app",
  // Private links are served with Referrer-Policy: no-referrer, so their forms posted without
  // JavaScript arrive with `Origin: null`. React Router would refuse those; the Express check in
  // app/server/cross-site.ts lets them through only with `Sec-Fetch-Site: same-origin`.
  allowedActionOrigins: ["null"],
  // Opt in to the v8 behaviours now so the upgrade, once Node 22 is available, changes nothing.
  future: {
    v8_middleware: true,
    v8_passThroughRequests: true,
    v8_splitRouteModules: true,
    v8_trailingSlashAwareDataRequests: true,
    v8_viteEnvironmentApi: true,
  },
} satisfies Config;

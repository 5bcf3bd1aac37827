// Entry of the mail worker's thread (built to build/mail-thread/, started by server.js in
// production). It holds the worker and the email templates only, not the routes (decision 028).
import { runMailThread } from "#app/lib/mail-thread.server.ts";

runMailThread();

import { createContext } from "react-router";

export type RequestInfo = {
  /** Address of the client as seen through trusted proxies. */
  clientIp: string | null;
  /** Nonce of this response's Content-Security-Policy; empty in the Vite dev server. */
  cspNonce: string;
};

export const requestInfo = createContext<RequestInfo>({ clientIp: null, cspNonce: "" });

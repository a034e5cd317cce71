// A plain HTTP server of a describe block, for client tests that need answers the emulator never
// gives: listening on a free loopback port before the block's tests, closed after them, counting
// the requests each test drew.
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export interface SuiteServer {
  /** The base URL a client is given (`…/client/v4`). */
  readonly url: string;
  /** Requests answered since the current test began. */
  readonly served: number;
}

export function loopbackServerForSuite(handle: http.RequestListener): SuiteServer {
  let server: http.Server | undefined;
  let url = "";
  let served = 0;
  before(async () => {
    server = http.createServer((req, res) => {
      served++;
      handle(req, res);
    });
    const listening = server;
    await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/client/v4`;
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });
  beforeEach(() => {
    served = 0;
  });
  return {
    get url() {
      return url;
    },
    get served() {
      return served;
    },
  };
}

// Root hook: each unit test starts with a fresh process-wide request window. The tests run against
// a local emulator, and the whole suite sends more than Cloudflare's 1,200 requests per 5 minutes,
// so one shared window would make late tests wait minutes for requests made by earlier ones.
import { resetProcessWindow } from "../../provider/cloudflare/request-window";

export const mochaHooks = {
  beforeEach(): void {
    resetProcessWindow();
  },
};

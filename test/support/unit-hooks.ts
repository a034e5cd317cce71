// Root hooks of the unit run (.mocharc.json).
// - The caller's CLOUDFLARE_*, ORIGIN_CLOUD_REGIONS_* and PULUMI_* variables are removed first: the
//   provider reads its settings from the environment, and a token or endpoint family set in the
//   shell would change what is tested.
// - Each test starts with a fresh process-wide request window. The tests run against a local
//   emulator, and the whole suite sends more than Cloudflare's 1,200 requests per 5 minutes, so one
//   shared window would make late tests wait minutes for requests made by earlier ones.
import { resetProcessWindow } from "../../provider/cloudflare/request-window";
import { clearSettingsFromProcess } from "./isolated-env";

clearSettingsFromProcess();

export const mochaHooks = {
  beforeEach(): void {
    resetProcessWindow();
  },
};

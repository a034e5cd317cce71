/**
 * The settings the package reads from the environment (`CLOUDFLARE_*`, `ORIGIN_CLOUD_REGIONS_*`)
 * and Pulumi's own (`PULUMI_*`): none of the caller's may reach a test, or it would change what is
 * tested (another endpoint family, a real token, a real backend).
 */
const SETTING = /^(CLOUDFLARE_|ORIGIN_CLOUD_REGIONS_|PULUMI_)/;

/** A copy of `env` without the caller's settings. */
export function withoutSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!SETTING.test(key)) out[key] = value;
  return out;
}

/** Removes the caller's settings from this process's environment (unit runs, which read it directly). */
export function clearSettingsFromProcess(): void {
  for (const key of Object.keys(process.env)) if (SETTING.test(key)) delete process.env[key];
}

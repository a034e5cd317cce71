// The single-IP endpoint the stand-in per-IP resource writes through, kept in this one constant so
// the fixture can follow the API it stands in for.
//
// Today: v1, which the emulator serves: upsert is `PATCH /zones/{zone}/cache/origin_cloud_regions`
// with body `{ ip, vendor, region }`, delete is `DELETE /zones/{zone}/cache/origin_cloud_regions/{ip}`.
// Once the emulator serves v2 (`/zones/{zone}/origin/cloud_regions`), which is what @pulumi/cloudflare's
// OriginCloudRegion uses, switch to: upsert `PUT /zones/{zone}/origin/cloud_regions/{ip}` with body
// `{ origin_ip, vendor, region }`, delete `DELETE /zones/{zone}/origin/cloud_regions/{ip}`.

export interface SingleIpMapping {
  ip: string;
  vendor: string;
  region: string;
}

export interface SingleIpCall {
  method: "PATCH" | "PUT" | "DELETE";
  /** Path after the base URL (`.../client/v4`). */
  path: string;
  body?: unknown;
}

export const SINGLE_IP_ENDPOINT = {
  upsert: (zoneId: string, m: SingleIpMapping): SingleIpCall => ({
    method: "PATCH",
    path: `/zones/${zoneId}/cache/origin_cloud_regions`,
    body: { ip: m.ip, vendor: m.vendor, region: m.region },
  }),
  remove: (zoneId: string, ip: string): SingleIpCall => ({
    method: "DELETE",
    path: `/zones/${zoneId}/cache/origin_cloud_regions/${encodeURIComponent(ip)}`,
  }),
};

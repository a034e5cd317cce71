// The single-IP endpoint the stand-in per-IP resource writes through, kept in this one constant so
// the fixture can follow the API it stands in for.
//
// v2, what @pulumi/cloudflare's OriginCloudRegion (and Terraform's cloudflare_origin_cloud_region)
// use: upsert `PUT /zones/{zone}/origin/cloud_regions/{ip}` with body `{ origin_ip, vendor, region }`,
// delete `DELETE /zones/{zone}/origin/cloud_regions/{ip}`.

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
    method: "PUT",
    path: `/zones/${zoneId}/origin/cloud_regions/${encodeURIComponent(m.ip)}`,
    body: { origin_ip: m.ip, vendor: m.vendor, region: m.region },
  }),
  remove: (zoneId: string, ip: string): SingleIpCall => ({
    method: "DELETE",
    path: `/zones/${zoneId}/origin/cloud_regions/${encodeURIComponent(ip)}`,
  }),
};

export { OriginCloudRegionMappings } from "./resource";
export type { OriginCloudRegionMappingArgs, OriginCloudRegionMappingsArgs } from "./resource";
export { OriginCloudRegionMappingsProvider } from "./provider";
export type { FamilyName, FamilySetting } from "./types";
export type { MappingsOutputs } from "./provider";
export type { Mapping, MappingSet, MappingTarget, Vendor } from "./types";
export { VENDORS, isVendor } from "./types";
export {
  ApiError,
  AuthError,
  CloudflareError,
  ConnectionError,
  EnvelopeError,
  FeatureUnavailableError,
  NotFoundError,
  RateLimitError,
} from "./cloudflare/errors";
export type { CloudflareMessage } from "./cloudflare/errors";
export { AdapterInputError, fromAws, fromAzure, fromGcp, fromOci } from "./adapters";
export type {
  AdapterOptions,
  AwsEipLike,
  AwsInstanceLike,
  AzurePublicIpLike,
  AzureVirtualMachineLike,
  GcpAddressLike,
  GcpInstanceLike,
  GcpNetworkInterfaceLike,
  OciInstanceLike,
  OciPublicIpLike,
} from "./adapters";

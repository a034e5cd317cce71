export { OriginCloudRegionMappings } from "./program/resource";
export type { OriginCloudRegionMappingArgs, OriginCloudRegionMappingsArgs } from "./program/resource";
export { OriginCloudRegionMappingsProvider } from "./host/stored-provider";
export type { FamilyName, FamilySetting } from "./core/types";
export type { MappingsOutputs } from "./core/state-shape";
export type { Mapping, MappingSet, MappingTarget, Vendor } from "./core/types";
export { VENDORS, isVendor } from "./core/types";
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

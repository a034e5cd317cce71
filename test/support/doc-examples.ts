// The code examples of a Markdown page, and the names the generated SDKs declare, for checking that a
// page's examples are valid code against the SDKs as generated.

import * as fs from "node:fs";
import * as path from "node:path";

/** The bodies of the fenced code blocks tagged `language`, in page order. */
export function codeBlocks(markdown: string, language: string): string[] {
  const fence = new RegExp("^```" + language + "\\n([\\s\\S]*?)^```$", "gm");
  return [...markdown.matchAll(fence)].map((m) => m[1] ?? "");
}

/** Every file under `dir` whose name ends with `ext`, as text. */
export function sourcesUnder(dir: string, ext: string): string {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(ext))
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    .join("\n");
}

/** Distinct first capture groups of `pattern` in `text`. */
export function namesIn(text: string, pattern: RegExp): string[] {
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1] ?? ""))];
}

/**
 * A stand-in for the part of `github.com/pulumi/pulumi-aws/sdk/v6` the Go example uses (an instance and
 * its public IP), so that the example type-checks against the generated SDK without the AWS SDK's
 * download and build. Only the shape matters here: the example's use of the generated SDK is what the
 * check is about.
 */
export const AWS_GO_STAND_IN = `package ec2

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

type InstanceArgs struct {
	Ami          pulumi.StringPtrInput
	InstanceType pulumi.StringPtrInput
}

type Instance struct {
	pulumi.CustomResourceState
	PublicIp pulumi.StringOutput
}

func NewInstance(ctx *pulumi.Context, name string, args *InstanceArgs, opts ...pulumi.ResourceOption) (*Instance, error) {
	return &Instance{}, nil
}
`;

// Generates the provider plugin's SDKs from its schema with Pulumi's codegen packages: the language
// hosts this project can build (v3.68.0) do not implement `pulumi package gen-sdk`. Built twice and
// run by scripts/build-sdks.sh (npm run build:sdks):
//   - languages.go: Node.js, Python and Go, with the codegen of the CLI's pinned version;
//   - csharp.go (build tag csharp): C#, with the last pkg/v3 that carries the C# generator (it has
//     since moved to the .NET SDK's repository, which the module proxy does not serve).
//
// Usage: sdkgen <schema.json> <out dir>; writes <out dir>/<language>/.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-cloudflare-origin-cloud-regions sdkgen"

// noPackages loads no other package: the schema refers to none.
type noPackages struct{}

func (noPackages) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; it may refer to none", pkg)
}

func (noPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; it may refer to none", d.Name)
}

func (noPackages) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the schema refers to package %q; it may refer to none", pkg)
}

func (noPackages) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the schema refers to package %q; it may refer to none", d.Name)
}

// generator makes one language's SDK: file paths relative to its folder, and their contents.
type generator func(pkg *schema.Package) (map[string][]byte, error)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen <schema.json> <out dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}

func run(schemaPath, out string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return err
	}
	pkg, diags, err := schema.BindSpec(spec, noPackages{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	for lang, gen := range generators {
		files, err := gen(pkg)
		if err != nil {
			return fmt.Errorf("%s: %w", lang, err)
		}
		for name, content := range files {
			path := filepath.Join(out, lang, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, content, 0o644); err != nil {
				return err
			}
		}
		fmt.Printf("%s: %d files\n", lang, len(files))
	}
	return nil
}

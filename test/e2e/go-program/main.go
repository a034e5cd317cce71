// A Go program that declares origin cloud-region mappings through the SDK generated from the
// plugin's schema, and the Automation API driver the end-to-end suite runs it with.
//
// `program` is what a user's main.go passes to pulumi.Run. The driver runs it as an inline program:
// the real `pulumi` CLI does the deployment (`pulumi up --client=…`) and the Go SDK serves the
// program in this process, which needs no Go language host. It takes the CLI's own arguments
// (`up --yes`, `preview --diff`, `refresh --yes`, `destroy --yes`, plus `--color`), so the suite
// drives it as it drives `pulumi`, and prints what the CLI printed.
//
// The program reads what to declare from program.json in the working folder:
// {"zoneId": "…", "adopt": false, "mappings": [{"ip": "…", "vendor": "…", "region": "…"}]}.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	ocr "cloudflare-origin-cloud-regions/sdk/go/cloudflareorigincloudregions"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type declared struct {
	ZoneID   string  `json:"zoneId"`
	Adopt    *bool   `json:"adopt"`
	Mappings []entry `json:"mappings"`
}

type entry struct {
	IP     string `json:"ip"`
	Vendor string `json:"vendor"`
	Region string `json:"region"`
}

func program(ctx *pulumi.Context) error {
	raw, err := os.ReadFile("program.json")
	if err != nil {
		return err
	}
	var d declared
	if err := json.Unmarshal(raw, &d); err != nil {
		return fmt.Errorf("program.json: %w", err)
	}
	mappings := ocr.MappingArray{}
	for _, m := range d.Mappings {
		mappings = append(mappings, ocr.MappingArgs{
			Ip:     pulumi.String(m.IP),
			Vendor: pulumi.String(m.Vendor),
			Region: pulumi.String(m.Region),
		})
	}
	maps, err := ocr.NewOriginCloudRegionMappings(ctx, "maps", &ocr.OriginCloudRegionMappingsArgs{
		ZoneId:   pulumi.String(d.ZoneID),
		Mappings: mappings,
		Adopt:    pulumi.BoolPtrFromPtr(d.Adopt),
	})
	if err != nil {
		return err
	}
	ctx.Export("family", maps.ApiFamily)
	return nil
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go-program up|preview|refresh|destroy [--diff] [--yes] [--color MODE]")
		os.Exit(2)
	}
	command, diff, color := os.Args[1], false, "never"
	for i := 2; i < len(os.Args); i++ {
		switch os.Args[i] {
		case "--diff":
			diff = true
		case "--color":
			if i+1 < len(os.Args) {
				color = os.Args[i+1]
				i++
			}
		}
	}
	if err := run(context.Background(), command, diff, color); err != nil {
		// The CLI's own output is already printed; the error repeats all of it, so only its first line.
		fmt.Fprintf(os.Stderr, "go-program: %s failed: %s\n", command, strings.SplitN(err.Error(), "\n", 2)[0])
		os.Exit(1)
	}
}

func run(ctx context.Context, command string, diff bool, color string) error {
	dir, err := os.Getwd()
	if err != nil {
		return err
	}
	stack, err := auto.SelectStackInlineSource(ctx, "dev", "", program, auto.WorkDir(dir))
	if err != nil {
		return err
	}
	out, errs := os.Stdout, os.Stderr
	switch command {
	case "up":
		opts := []optup.Option{optup.ProgressStreams(out), optup.ErrorProgressStreams(errs), optup.Color(color)}
		if diff {
			opts = append(opts, optup.Diff())
		}
		_, err = stack.Up(ctx, opts...)
	case "preview":
		opts := []optpreview.Option{optpreview.ProgressStreams(out), optpreview.ErrorProgressStreams(errs), optpreview.Color(color)}
		if diff {
			opts = append(opts, optpreview.Diff())
		}
		_, err = stack.Preview(ctx, opts...)
	case "refresh":
		opts := []optrefresh.Option{optrefresh.ProgressStreams(out), optrefresh.ErrorProgressStreams(errs), optrefresh.Color(color)}
		_, err = stack.Refresh(ctx, opts...)
	case "destroy":
		opts := []optdestroy.Option{optdestroy.ProgressStreams(out), optdestroy.ErrorProgressStreams(errs), optdestroy.Color(color)}
		_, err = stack.Destroy(ctx, opts...)
	default:
		return fmt.Errorf("unknown command %q", command)
	}
	return err
}

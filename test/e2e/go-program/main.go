// A Go program that declares origin cloud-region mappings through the SDK generated from the plugin's
// schema, run by `pulumi up` like any Go program (runtime: go).
//
// It reads what to declare from program.json in the project folder, which the end-to-end suite rewrites
// between commands: {"zoneId": "…", "adopt": false, "mappings": [{"ip": "…", "vendor": "…", "region": "…"}]}.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	ocr "cloudflare-origin-cloud-regions/sdk/go/cloudflareorigincloudregions"
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

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
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
	})
}

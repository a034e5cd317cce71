//go:build csharp

package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"

	dotnetgen "github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// generators of the C# build: pkg/v3 at CSHARP_CODEGEN_VERSION (scripts/build-sdks.sh).
var generators = map[string]generator{
	"dotnet": func(pkg *schema.Package) (map[string][]byte, error) {
		return dotnetgen.GeneratePackage(tool, pkg, nil, nil)
	},
}

// The C# generator downloads the NuGet package's icon (the schema's logoUrl, else Pulumi's logo on
// GitHub). The build must not depend on the network, so its one request is answered here with an
// icon drawn in memory, and any other request fails.
func init() {
	http.DefaultTransport = localIcon{}
}

type localIcon struct{}

func (localIcon) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet || !bytes.HasSuffix([]byte(req.URL.Path), []byte(".png")) {
		return nil, fmt.Errorf("sdkgen makes no network requests (asked for %s)", req.URL)
	}
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, color.RGBA{R: 0xf3, G: 0x80, B: 0x20, A: 0xff}) // Cloudflare's orange
		}
	}
	var body bytes.Buffer
	if err := png.Encode(&body, img); err != nil {
		return nil, err
	}
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": []string{"image/png"}},
		Body:       io.NopCloser(&body),
		Request:    req,
	}, nil
}

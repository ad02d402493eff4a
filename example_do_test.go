package cloudmore_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/url"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// ExampleClient_Do calls an operation through the escape hatch, as for one the SDK does not
// type yet: NewRequest builds it (a path relative to /api/resellers/{resellerId}/, a query,
// a JSON body or nil) and Do sends it through the same path checks, token, retries, rate
// limit, logging and typed errors as every method, decoding the answer into a type of your
// own. The fake serves the organization read here.
func ExampleClient_Do() {
	srv := startFake()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	req, err := client.NewRequest(ctx, http.MethodGet, "Organizations/"+cloudmoretest.SeedOrganization1ID, url.Values{}, nil)
	if err != nil {
		log.Fatal(err)
	}
	var org struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	resp, err := client.Do(req, &org)
	if err != nil {
		log.Fatal(err) // an *APIError, *DecodeError, *RedirectError... as from any method
	}
	fmt.Println(resp.StatusCode, org.Name, org.ID == cloudmoretest.SeedOrganization1ID)

	// A path outside the checks never reaches the network.
	_, err = client.NewRequest(ctx, http.MethodGet, "Organizations/%2e%2e/users", nil, nil)
	fmt.Println(err)
	// Output:
	// 200 My Test Organization 1 true
	// cloudmore: invalid path: "/api/resellers/3c913dd6-f094-4bf7-9c71-e1716ae34d50/Organizations/%2e%2e/users" must not contain . or .. segments
}

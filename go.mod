module github.com/cloudmore-sdk/cloudmore-go

go 1.25.0

require (
	github.com/go-json-experiment/json v0.0.0-20250725192818-e39067aee2d2
	github.com/google/go-querystring v1.2.0
	github.com/jarcoal/httpmock v1.4.1
	github.com/shopspring/decimal v1.4.0
	github.com/stretchr/testify v1.11.1
	golang.org/x/net v0.50.0
	golang.org/x/oauth2 v0.36.0
	golang.org/x/text v0.34.0
	golang.org/x/time v0.14.0
)

require (
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

package main

import (
	"fmt"
	"regexp"
	"strings"
)

// The SDK's errors are written for a Go programmer: they name options (WithBaseURL), Go
// fields (DisplayName, Extra) and types. userText rewrites them for the command's user, naming
// the variable, profile setting or flag that user set instead. One table, applied to every
// error the command prints; TestErrorsSpeakTheUsersLanguage runs a failing command of each
// kind and fails on any Go name left.

// settings are the client settings a user gives, by the SDK's name for them: the option or
// the field of a *ValidationError, then the CLOUDMORE_* variable and the profile's member.
var settings = []struct{ sdk, env, profile string }{
	{"WithBaseURL", "CLOUDMORE_BASE_URL", "baseUrl"},
	{"WithEnvironment", "CLOUDMORE_ENV", "environment"},
	{"WithResellerID", "CLOUDMORE_RESELLER_ID", "resellerId"},
	{"resellerId", "CLOUDMORE_RESELLER_ID", "resellerId"},
	{"WithSellerID", "CLOUDMORE_SELLER_ID", "sellerId"},
	{"sellerId", "CLOUDMORE_SELLER_ID", "sellerId"},
	{"ClientSecret", "CLOUDMORE_CLIENT_SECRET", "clientSecret"},
	{"Username", "CLOUDMORE_USERNAME", "username"},
	{"Password", "CLOUDMORE_PASSWORD", "password"},
}

// setting names where the user set a client setting: the variable, or the profile's member
// when the credentials came from a saved profile.
func (a *app) setting(sdkName string) string {
	for _, s := range settings {
		if s.sdk == sdkName {
			if a.profileUsed != "" {
				return fmt.Sprintf("%s in profile %q", s.profile, a.profileUsed)
			}
			return s.env
		}
	}
	return sdkName
}

// rewrite is one rule of userText: re's matches are replaced by what to returns for the
// submatches.
type rewrite struct {
	re *regexp.Regexp
	to func(a *app, m []string) string
}

func literal(s string) func(*app, []string) string { return func(*app, []string) string { return s } }

var rewrites = []rewrite{
	// client settings (NewClient's *ValidationError names the option)
	{regexp.MustCompile(`invalid WithCredentials: (ClientSecret|Username|Password) is empty(?: \([^)]*\))?`),
		func(a *app, m []string) string { return a.setting(m[1]) + " is empty" }},
	{regexp.MustCompile(`invalid (With(?:BaseURL|Environment|ResellerID|SellerID)):`),
		func(a *app, m []string) string { return "invalid " + a.setting(m[1]) + ":" }},
	{regexp.MustCompile(` \(or WithInsecureHTTP inside a trusted network\)`), literal("")},
	{regexp.MustCompile(`invalid (reseller|seller)Id: required: create the client with With(?:Reseller|Seller)ID(?: \(or use ForSeller\))?`),
		func(a *app, m []string) string { return "no " + m[1] + " id: set " + a.setting(m[1]+"Id") }},
	{regexp.MustCompile(`create the client with WithResellerID`),
		func(a *app, _ []string) string { return "set " + a.setting("resellerId") }},
	{regexp.MustCompile(`invalid resumeToken:`), literal("invalid resume token:")},
	{regexp.MustCompile(`resume it on a client for that (seller|reseller) \(For(?:Seller|Reseller)\)`),
		func(a *app, m []string) string {
			return "resume it with " + a.setting(m[1]+"Id") + " set to that " + m[1]
		}},
	{regexp.MustCompile(`resume it on a client for that host`),
		func(a *app, _ []string) string {
			return "resume it with " + a.setting("WithBaseURL") + " (or " + a.setting("WithEnvironment") + ") naming that host"
		}},
	{regexp.MustCompile(`\(WithBaseURL, WithEnvironment\)`),
		func(a *app, _ []string) string {
			return "(" + a.setting("WithBaseURL") + ", " + a.setting("WithEnvironment") + ")"
		}},
	// bodies: the members the SDK has no typed field for are given in --data
	{regexp.MustCompile(`invalid roleId: required: the role's id from Users\.ListRoles(?: \([^)]*\))?`),
		literal(`missing --role: a role id from "cloudmore users roles" (Cloudmore requires it on create and update)`)},
	{regexp.MustCompile(`invalid body: empty: set [^()]*`), literal("the request body is empty: give its members with the flags or --data ")},
	{regexp.MustCompile(`set them in Extra by their JSON names`), literal("give them in --data by their JSON names")},
	{regexp.MustCompile(`Extra\[("[^"]*")\]`), literal("--data member $1")},
	{regexp.MustCompile(`\bExtra\b`), literal("--data")},
	// encoding/json's Go vocabulary, in an answer that does not decode
	{regexp.MustCompile(`json: cannot unmarshal (\w+) into Go struct field \w*\.([\w.]+) of type ([\w.*\[\]]+)`),
		func(_ *app, m []string) string {
			return fmt.Sprintf("member %q is a JSON %s where %s was expected", m[2], m[1], kindOf(m[3]))
		}},
	{regexp.MustCompile(`json: cannot unmarshal (\w+) into Go value of type ([\w.*\[\]]+)`),
		func(_ *app, m []string) string {
			return fmt.Sprintf("a JSON %s where %s was expected", m[1], kindOf(m[2]))
		}},
}

// userText is a message as the command prints it: in the user's terms (see rewrites) and
// without the secrets the run knows of.
func (a *app) userText(s string) string {
	for _, r := range rewrites {
		s = r.re.ReplaceAllStringFunc(s, func(match string) string {
			m := r.re.FindStringSubmatch(match)
			out := r.to(a, m)
			if strings.Contains(out, "$") {
				out = r.re.ReplaceAllString(match, out)
			}
			return out
		})
	}
	return a.redact(s)
}

// kindOf names a Go type of the SDK as a JSON value: "text", "a number", ...
func kindOf(goType string) string {
	t := goType[strings.LastIndexAny(goType, "*.")+1:]
	switch {
	case strings.HasPrefix(strings.TrimLeft(goType, "*"), "[]"):
		return "a list"
	case strings.HasPrefix(strings.TrimLeft(goType, "*"), "map["):
		return "an object"
	}
	switch t {
	case "string":
		return "text"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "a whole number"
	case "float32", "float64", "Decimal":
		return "a number"
	case "bool":
		return "true or false"
	case "Time":
		return "a date-time (2006-01-02T15:04:05Z)"
	case "Date":
		return "a date (2006-01-02)"
	}
	return "an object"
}

package main

import (
	"strings"

	"github.com/spf13/cobra"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// Where the credentials come from, first match wins (the README's command section and the
// root help say the same; `cloudmore profile status` shows it):
//
//  1. --fake (or CLOUDMORE_FAKE=1): the built-in fake; nothing else is read.
//  2. --profile NAME: that saved profile. CLOUDMORE_PROFILE and the CLOUDMORE_* credential
//     variables, when set, are not used, and every command that calls Cloudmore says so on
//     stderr, naming them.
//  3. CLOUDMORE_PROFILE=NAME: that saved profile. With CLOUDMORE_* credential variables set
//     as well, the command refuses (exit 2), naming both: neither comes first.
//  4. The CLOUDMORE_* variables, when any of them is set (the four required ones then).
//  5. The profile "default".
//
// All values come from the one source chosen: a profile's username never meets the
// environment's password. A profile's secrets come from the keyring or from the file.

// Where a value came from, as profile status names it.
const (
	fromFlag        = "flag --profile"
	fromProfileEnv  = "environment CLOUDMORE_PROFILE"
	fromDefault     = "default"
	fromProfileFile = "profile file"
	fromKeyring     = "keyring"
	fromNotSet      = "not set"
)

// resolution is the credentials a command uses and where each value came from.
type resolution struct {
	p      profile
	name   string            // the saved profile used; "" for the CLOUDMORE_* variables
	chosen string            // what chose the profile (fromFlag, fromProfileEnv, fromDefault)
	path   string            // the profiles file, when one was read
	from   map[string]string // setting (status's names) -> where it came from
	unused []string          // variables set but not used: --profile came first
}

// resolveCredentials picks the credentials by the rule above.
func (a *app) resolveCredentials() (*resolution, error) {
	envVars := setVars(a.getenv, credentialVars)
	profileEnv := a.getenv("CLOUDMORE_PROFILE")
	r := &resolution{name: a.profile, chosen: fromFlag, from: map[string]string{}}
	switch {
	case r.name != "":
		if profileEnv != "" && profileEnv != r.name {
			r.unused = append(r.unused, "CLOUDMORE_PROFILE")
		}
		r.unused = append(r.unused, envVars...)
	case profileEnv != "" && len(envVars) > 0:
		return nil, usagef("CLOUDMORE_PROFILE=%s and %s are both set, and each gives credentials: unset one, or choose with --profile",
			profileEnv, strings.Join(envVars, ", "))
	case profileEnv != "":
		r.name, r.chosen = profileEnv, fromProfileEnv
	case len(envVars) > 0:
		p, err := fromEnv(a.getenv)
		if err != nil {
			return nil, err
		}
		r.p, r.chosen = *p, "environment"
		a.secrets = append(a.secrets, p.ClientSecret, p.Password)
		for _, s := range statusSettings {
			switch {
			case s.env != "" && a.getenv(s.env) != "":
				r.from[s.name] = "environment " + s.env
			case s.name == "host" && a.getenv("CLOUDMORE_ENV") != "":
				r.from[s.name] = "environment CLOUDMORE_ENV"
			}
		}
		r.fillDefaults()
		return r, nil
	}

	ps, path, err := readProfiles(a.getenv)
	if err != nil {
		return nil, err
	}
	r.path = path
	explicit := r.name != ""
	if !explicit {
		r.name, r.chosen = "default", fromDefault
	}
	p, ok := ps[r.name]
	if !ok {
		if explicit {
			return nil, usagef("no profile %q in %s (save one with: cloudmore profile login %s)", r.name, path, r.name)
		}
		return nil, usagef("no credentials: set CLOUDMORE_CLIENT_SECRET, CLOUDMORE_USERNAME, CLOUDMORE_PASSWORD and CLOUDMORE_RESELLER_ID, " +
			"log in (cloudmore profile login), or try the built-in fake with --fake")
	}
	if err := loadSecrets(r.name, &p); err != nil {
		return nil, err
	}
	a.secrets = append(a.secrets, p.ClientSecret, p.Password)
	a.profileUsed = r.name
	r.p = p
	for _, s := range statusSettings {
		if s.get(&p) != "" || (s.name == "host" && p.Environment != "") {
			r.from[s.name] = fromProfileFile
			if s.secret && p.Keyring {
				r.from[s.name] = fromKeyring
			}
		}
	}
	r.fillDefaults()
	return r, nil
}

// fillDefaults names where the values no source gave come from.
func (r *resolution) fillDefaults() {
	for _, s := range statusSettings {
		if r.from[s.name] == "" {
			r.from[s.name] = fromNotSet
			if s.name == "host" || s.name == "client id" {
				r.from[s.name] = fromDefault
			}
		}
	}
}

// statusSettings are the rows of profile status after "profile": each value, its variable and
// how to read it from a profile (the host is BaseURL, else the environment's).
var statusSettings = []struct {
	name, env string
	secret    bool
	get       func(*profile) string
}{
	{"host", "CLOUDMORE_BASE_URL", false, func(p *profile) string { return p.BaseURL }},
	{"username", "CLOUDMORE_USERNAME", false, func(p *profile) string { return p.Username }},
	{"password", "CLOUDMORE_PASSWORD", true, func(p *profile) string { return p.Password }},
	{"client secret", "CLOUDMORE_CLIENT_SECRET", true, func(p *profile) string { return p.ClientSecret }},
	{"client id", "CLOUDMORE_CLIENT_ID", false, func(p *profile) string { return p.ClientID }},
	{"reseller id", "CLOUDMORE_RESELLER_ID", false, func(p *profile) string { return p.ResellerID }},
	{"seller id", "CLOUDMORE_SELLER_ID", false, func(p *profile) string { return p.SellerID }},
}

// host is the API host a profile points at.
func (p *profile) host() (string, error) {
	if p.BaseURL != "" {
		return p.BaseURL, nil
	}
	e, err := p.environment()
	if err != nil {
		return "", err
	}
	return e.BaseURL(), nil
}

// environment is the profile's Cloudmore environment: staging unless it says production.
func (p *profile) environment() (cloudmore.Environment, error) {
	switch strings.ToLower(strings.TrimSpace(p.Environment)) {
	case "", "staging":
		return cloudmore.Staging, nil
	case "production", "prod", "live":
		return cloudmore.Production, nil
	}
	return 0, usagef("environment %q: want staging or production", p.Environment)
}

// secretsWhere says where a saved profile keeps its secrets (profile list's column).
func secretsWhere(p profile) string {
	if p.Keyring {
		return fromKeyring
	}
	return "file"
}

func (a *app) profileStatusCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "Show which profile and host are in use and where each value came from (never a secret)",
		Long: "Show the credentials the next command would use: which profile (and what chose it: --profile,\n" +
			"CLOUDMORE_PROFILE, or \"default\"), or the CLOUDMORE_* variables; the host; and, for each value,\n" +
			"where it came from: flag, environment, profile file, keyring, or default. Secrets show as \"set\",\n" +
			"never their value. Variables that --profile leaves unused are listed. The order, first match\n" +
			"wins: --fake; --profile; CLOUDMORE_PROFILE (refused when CLOUDMORE_* credentials are set too);\n" +
			"the CLOUDMORE_* variables; the profile \"default\".",
		Example: "  cloudmore profile status\n  cloudmore --profile work profile status -o table",
		Args:    exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			row := func(setting, value, source string) *object {
				o := newObject()
				o.set("setting", setting)
				o.set("value", value)
				o.set("source", source)
				return o
			}
			if a.fake {
				source := "flag --fake"
				if !cmd.Flags().Changed("fake") {
					source = "environment CLOUDMORE_FAKE"
				}
				return a.print(cmd, []*object{row("host", "built-in fake (a new one for each command)", source)}, "setting", "value", "source")
			}
			r, err := a.resolveCredentials()
			if err != nil {
				return err
			}
			var rows []*object
			if r.name == "" {
				note := "the CLOUDMORE_* variables (no --profile or CLOUDMORE_PROFILE)"
				if ps, _, err := readProfiles(a.getenv); err == nil {
					if _, ok := ps["default"]; ok {
						note = "the CLOUDMORE_* variables (no --profile or CLOUDMORE_PROFILE; they come before the profile named default)"
					}
				}
				rows = append(rows, row("profile", "", "environment: "+note))
			} else {
				rows = append(rows, row("profile", r.name, r.chosen))
			}
			for _, s := range statusSettings {
				value := s.get(&r.p)
				switch {
				case s.name == "host":
					if value, err = r.p.host(); err != nil {
						return err
					}
				case s.name == "client id" && value == "":
					value = cloudmore.DefaultClientID
				case s.secret && value != "":
					value = "set"
				}
				rows = append(rows, row(s.name, value, r.from[s.name]))
			}
			if len(r.unused) > 0 {
				rows = append(rows, row("not used", strings.Join(r.unused, ", "), "--profile comes first"))
			}
			if r.path != "" {
				rows = append(rows, row("profiles file", r.path, "user config directory"))
			}
			return a.print(cmd, rows, "setting", "value", "source")
		},
	}
}

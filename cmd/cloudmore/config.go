package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
)

// profile is one saved set of credentials, or where CLOUDMORE_* points.
type profile struct {
	ClientID     string `json:"clientId,omitempty"`
	ClientSecret string `json:"clientSecret,omitempty"`
	Username     string `json:"username"`
	Password     string `json:"password,omitempty"`
	ResellerID   string `json:"resellerId,omitempty"`
	SellerID     string `json:"sellerId,omitempty"`
	// Environment is "staging" (the default, as the SDK's examples) or "production".
	Environment string `json:"environment,omitempty"`
	// BaseURL, when set, overrides Environment (a proxy, `cloudmore fake serve`).
	BaseURL string `json:"baseUrl,omitempty"`
	// Keyring marks a profile whose password and client secret are in the system keyring
	// (keyring.go), not in this file.
	Keyring bool `json:"keyring,omitempty"`
}

// profilesFile is the file holding the saved profiles: one JSON object, name -> profile.
func profilesFile(getenv func(string) string) (string, error) {
	dir, err := userConfigDir(getenv)
	if err != nil {
		return "", fmt.Errorf("no configuration directory for profiles: %w", err)
	}
	return filepath.Join(dir, "cloudmore", "profiles.json"), nil
}

// userConfigDir is os.UserConfigDir reading the environment through getenv.
func userConfigDir(getenv func(string) string) (string, error) {
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" || runtime.GOOS == "openbsd" || runtime.GOOS == "netbsd" {
		if d := getenv("XDG_CONFIG_HOME"); d != "" {
			return d, nil
		}
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, ".config"), nil
		}
	}
	return os.UserConfigDir()
}

// readProfiles reads the profiles file; a missing file is no profiles. A file that others
// can read is refused: it holds passwords and secrets.
func readProfiles(getenv func(string) string) (map[string]profile, string, error) {
	path, err := profilesFile(getenv)
	if err != nil {
		return nil, "", err
	}
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]profile{}, path, nil
	}
	if err != nil {
		return nil, path, err
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0 {
		return nil, path, &usageError{fmt.Errorf("%s holds secrets and is readable by others (mode %04o): run chmod 600 %s", path, fi.Mode().Perm(), path)}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, path, err
	}
	ps := map[string]profile{}
	if err := json.Unmarshal(b, &ps); err != nil {
		return nil, path, &usageError{fmt.Errorf("%s: %v", path, err)}
	}
	return ps, path, nil
}

// writeProfiles writes the profiles file with mode 0600 (its directory 0700).
func writeProfiles(path string, ps map[string]profile) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	b, err := json.MarshalIndent(ps, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".profiles-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func profileNames(getenv func(string) string) ([]string, error) {
	ps, _, err := readProfiles(getenv)
	if err != nil {
		return nil, err
	}
	var names []string
	for n := range ps {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

var requiredVars = []string{"CLOUDMORE_CLIENT_SECRET", "CLOUDMORE_USERNAME", "CLOUDMORE_PASSWORD", "CLOUDMORE_RESELLER_ID"}

// credentialVars are the CLOUDMORE_* variables that make up credentials: any of them set makes
// the environment the credentials' source (credentials.go).
var credentialVars = []string{"CLOUDMORE_CLIENT_ID", "CLOUDMORE_CLIENT_SECRET", "CLOUDMORE_USERNAME", "CLOUDMORE_PASSWORD",
	"CLOUDMORE_RESELLER_ID", "CLOUDMORE_SELLER_ID", "CLOUDMORE_ENV", "CLOUDMORE_BASE_URL"}

// setVars returns those of names that are set, in order.
func setVars(getenv func(string) string, names []string) []string {
	var set []string
	for _, k := range names {
		if getenv(k) != "" {
			set = append(set, k)
		}
	}
	return set
}

// fromEnv reads the CLOUDMORE_* variables (the names the SDK's examples use); nil when none
// of them is set, an error naming the missing ones when some are.
func fromEnv(getenv func(string) string) (*profile, error) {
	set := setVars(getenv, credentialVars)
	if len(set) == 0 {
		return nil, nil
	}
	var missing []string
	for _, k := range requiredVars {
		if getenv(k) == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return nil, usagef("%s set but %s missing: set all of %s", strings.Join(set, ", "), strings.Join(missing, ", "), strings.Join(requiredVars, ", "))
	}
	return &profile{
		ClientID:     getenv("CLOUDMORE_CLIENT_ID"),
		ClientSecret: getenv("CLOUDMORE_CLIENT_SECRET"),
		Username:     getenv("CLOUDMORE_USERNAME"),
		Password:     getenv("CLOUDMORE_PASSWORD"),
		ResellerID:   getenv("CLOUDMORE_RESELLER_ID"),
		SellerID:     getenv("CLOUDMORE_SELLER_ID"),
		Environment:  getenv("CLOUDMORE_ENV"),
		BaseURL:      getenv("CLOUDMORE_BASE_URL"),
	}, nil
}

// loadConfig picks the credentials by the rule of credentials.go (resolveCredentials) and
// says on stderr which CLOUDMORE_* variables --profile left unused.
func (a *app) loadConfig() (*profile, error) {
	r, err := a.resolveCredentials()
	if err != nil {
		return nil, err
	}
	if len(r.unused) > 0 {
		fmt.Fprintf(a.stderr, "cloudmore: using profile %q (--profile); %s in the environment not used\n", r.name, strings.Join(r.unused, ", "))
	}
	return &r.p, nil
}

// options turns a profile into client options.
func (p *profile) options() ([]cloudmore.Option, error) {
	var opts []cloudmore.Option
	if p.BaseURL != "" {
		opts = append(opts, cloudmore.WithBaseURL(p.BaseURL))
	} else {
		e, err := p.environment()
		if err != nil {
			return nil, err
		}
		opts = append(opts, cloudmore.WithEnvironment(e))
	}
	opts = append(opts, cloudmore.WithCredentials(cloudmore.Credentials{
		ClientID: p.ClientID, ClientSecret: p.ClientSecret, Username: p.Username, Password: p.Password,
	}))
	if p.ResellerID != "" {
		opts = append(opts, cloudmore.WithResellerID(p.ResellerID))
	}
	if p.SellerID != "" {
		opts = append(opts, cloudmore.WithSellerID(p.SellerID))
	}
	return opts, nil
}

// where describes a profile without its secrets.
func (p *profile) where() string {
	if p.BaseURL != "" {
		return p.BaseURL
	}
	if p.Environment == "" {
		return "staging"
	}
	return strings.ToLower(p.Environment)
}

func (a *app) profileCommand() *cobra.Command {
	cmd := group("profile", "Log in, save, list and delete credential profiles; show which credentials are in use")
	save := &cobra.Command{
		Use:   "save NAME",
		Short: "Save the CLOUDMORE_* credentials of the environment as profile NAME",
		Long: "Save the CLOUDMORE_* credentials of the environment (CLOUDMORE_CLIENT_SECRET, CLOUDMORE_USERNAME,\n" +
			"CLOUDMORE_PASSWORD, CLOUDMORE_RESELLER_ID, and the optional ones) as profile NAME, in a file of\n" +
			"mode 0600; the password and client secret go to the system keyring where one answers, as with\n" +
			"'cloudmore profile login'. Nothing is printed but where they went.",
		Example: "  cloudmore profile save work",
		Args:    exactArgs("NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := fromEnv(a.getenv)
			if err != nil {
				return err
			}
			if p == nil {
				return usagef("set CLOUDMORE_CLIENT_SECRET, CLOUDMORE_USERNAME, CLOUDMORE_PASSWORD and CLOUDMORE_RESELLER_ID first")
			}
			a.secrets = append(a.secrets, p.ClientSecret, p.Password)
			if _, err := p.options(); err != nil {
				return err
			}
			return a.saveProfile(args[0], *p)
		},
	}
	list := &cobra.Command{
		Use:     "list",
		Short:   "List the saved profiles (never their secrets)",
		Example: "  cloudmore profile list -o table",
		Args:    exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			ps, _, err := readProfiles(a.getenv)
			if err != nil {
				return err
			}
			rows := []*object{}
			for _, n := range sortedKeys(ps) {
				p := ps[n]
				o := newObject()
				o.set("name", n)
				o.set("username", p.Username)
				o.set("resellerId", p.ResellerID)
				o.set("where", p.where())
				o.set("secrets", secretsWhere(p))
				rows = append(rows, o)
			}
			return a.print(cmd, rows, "name", "username", "resellerId", "where", "secrets")
		},
	}
	del := &cobra.Command{
		Use:     "delete NAME",
		Short:   "Delete a saved profile",
		Example: "  cloudmore profile delete work",
		Args:    exactArgs("NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ps, path, err := readProfiles(a.getenv)
			if err != nil {
				return err
			}
			p, ok := ps[args[0]]
			if !ok {
				return usagef("no profile %q in %s", args[0], path)
			}
			delete(ps, args[0])
			if err := writeProfiles(path, ps); err != nil {
				return err
			}
			if err := deleteSecrets(args[0], p); err != nil {
				return fmt.Errorf("deleted profile %q from %s, but not its secrets from the system keyring (service %q, account %q): %v", args[0], path, keyringService, args[0], err)
			}
			return nil
		},
	}
	cmd.AddCommand(a.profileLoginCommand(), a.profileStatusCommand(), save, list, del)
	return cmd
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

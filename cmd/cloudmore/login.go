package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// readPassword reads a line from the terminal stdin without echo (a variable for the tests).
var readPassword = func(stdin any) ([]byte, error) {
	f, ok := stdin.(*os.File)
	if !ok {
		return nil, errors.New("stdin is not a terminal")
	}
	return term.ReadPassword(int(f.Fd()))
}

const loginLong = `Log in: save profile NAME (default: --profile, then $CLOUDMORE_PROFILE, then "default")
for the next commands, asking for what the flags and the saved profile do not give.

On a terminal it asks for the username, the password (always, without echo), the client secret
(without echo, unless the profile has one) and the reseller id. When stdin is not a terminal
nothing is asked: --password-stdin reads the password from stdin's first line, and
--client-secret-stdin the client secret from the next one; every other value comes from its
flag or the saved profile, and what is missing is refused (exit 2), naming the flags.

The password and the client secret go to the system keyring (macOS Keychain, the Secret Service
of GNOME Keyring or KWallet, Windows Credential Manager) under the service "cloudmore-cli" and
the profile's name; the rest goes to the profiles file. Where no keyring answers, they go to
the profiles file too (mode 0600), and the command says so, naming the file. Nothing is checked
against Cloudmore: 'cloudmore organizations list' after it does.`

func (a *app) profileLoginCommand() *cobra.Command {
	var f struct {
		username, clientID, resellerID, sellerID, env, baseURL string
		passwordStdin, clientSecretStdin                       bool
	}
	cmd := &cobra.Command{
		Use:   "login [NAME]",
		Short: "Log in as profile NAME, asking for what is missing; secrets go to the system keyring",
		Long:  loginLong,
		Example: "  cloudmore profile login work\n" +
			"  cloudmore profile login work --username api.user@broker.example --reseller-id 3c913dd6-f094-4bf7-9c71-e1716ae34d50\n" +
			"  printf '%s\\n%s\\n' \"$PASSWORD\" \"$CLIENT_SECRET\" | cloudmore profile login ci --password-stdin --client-secret-stdin \\\n" +
			"      --username api.user@broker.example --reseller-id 3c913dd6-f094-4bf7-9c71-e1716ae34d50 --env production",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("%s takes at most one argument, NAME (got %d)", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			name := a.profile
			if len(args) == 1 {
				if name != "" && name != args[0] {
					return usagef("profile login %s and --profile %s name two profiles: give one", args[0], name)
				}
				name = args[0]
			}
			if name == "" {
				name = a.getenv("CLOUDMORE_PROFILE")
			}
			if name == "" {
				name = "default"
			}
			ps, _, err := readProfiles(a.getenv)
			if err != nil {
				return err
			}
			p := ps[name]
			if loadSecrets(name, &p) != nil {
				p.ClientSecret, p.Password = "", "" // unreadable: asked again
			}
			a.secrets = append(a.secrets, p.ClientSecret, p.Password)
			p.Password = "" // a login always takes the password anew
			flags := cmd.Flags()
			for _, v := range []struct {
				flag string
				to   *string
				from string
			}{
				{"username", &p.Username, f.username}, {"client-id", &p.ClientID, f.clientID},
				{"reseller-id", &p.ResellerID, f.resellerID}, {"seller-id", &p.SellerID, f.sellerID},
				{"env", &p.Environment, f.env}, {"base-url", &p.BaseURL, f.baseURL},
			} {
				if flags.Changed(v.flag) {
					*v.to = strings.TrimSpace(v.from)
				}
			}
			if flags.Changed("env") && !flags.Changed("base-url") {
				p.BaseURL = "" // --env picks a Cloudmore host over a saved URL
			}

			var stdin io.Reader = strings.NewReader("")
			if a.stdin != nil {
				stdin = a.stdin
			}
			in := bufio.NewReader(stdin)
			if f.passwordStdin {
				if p.Password, err = readLine(in, "--password-stdin"); err != nil {
					return err
				}
			}
			if f.clientSecretStdin {
				if p.ClientSecret, err = readLine(in, "--client-secret-stdin"); err != nil {
					return err
				}
			}
			a.secrets = append(a.secrets, p.ClientSecret, p.Password)
			asks := []struct {
				label, flag string
				secret      bool
				to          *string
			}{
				{"Username", "--username", false, &p.Username},
				{"Password", "--password-stdin", true, &p.Password},
				{"Client secret", "--client-secret-stdin", true, &p.ClientSecret},
				{"Reseller id", "--reseller-id", false, &p.ResellerID},
			}
			if !isTerminal(a.stdin) {
				var missing []string
				for _, q := range asks {
					if *q.to == "" {
						missing = append(missing, q.flag)
					}
				}
				if len(missing) > 0 {
					return usagef("profile login %s: give %s (stdin is not a terminal, so nothing is asked)", name, strings.Join(missing, ", "))
				}
			}
			for _, q := range asks {
				if *q.to != "" {
					continue
				}
				fmt.Fprintf(a.stderr, "%s: ", q.label)
				var answer string
				if q.secret {
					b, err := readPassword(a.stdin)
					fmt.Fprintln(a.stderr)
					if err != nil {
						return err
					}
					answer = strings.TrimRight(string(b), "\r\n")
				} else if answer, err = readLine(in, q.label); err != nil {
					return err
				}
				if answer == "" {
					return usagef("profile login %s: no %s given", name, strings.ToLower(q.label))
				}
				*q.to = answer
				if q.secret {
					a.secrets = append(a.secrets, answer)
				}
			}
			if _, err := p.options(); err != nil {
				return err
			}
			return a.saveProfile(name, p)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.username, "username", "", "the API user's login name")
	fl.BoolVar(&f.passwordStdin, "password-stdin", false, "read the password from stdin's first line")
	fl.BoolVar(&f.clientSecretStdin, "client-secret-stdin", false, "read the client secret from stdin's next line (after the password's, with --password-stdin)")
	fl.StringVar(&f.clientID, "client-id", "", "the OAuth client id (default ro.customer.client)")
	fl.StringVar(&f.resellerID, "reseller-id", "", "the broker's reseller id")
	fl.StringVar(&f.sellerID, "seller-id", "", "the seller id, for the seller API")
	fl.StringVar(&f.env, "env", "", "staging (the default) or production")
	fl.StringVar(&f.baseURL, "base-url", "", "another API host (a proxy, cloudmore fake serve); comes before --env")
	return cmd
}

// readLine reads one line of stdin for what, without its line ending; no line, or an empty
// one, is a usage error naming what.
func readLine(in *bufio.Reader, what string) (string, error) {
	s, err := in.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	if s = strings.TrimRight(s, "\r\n"); s == "" {
		return "", usagef("%s: no value on stdin's line", what)
	}
	return s, nil
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/itchyny/gojq"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// app is one run of the command: its streams, environment and global flags, and the client
// it builds on first use.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string

	// global flags
	output   string
	noHeader bool
	jqExpr   string     // --jq: the filter's text
	jq       *gojq.Code // --jq compiled (nil when not given)
	colsFlag string     // --columns: the text given
	columns  []string   // --columns: the table's and csv's columns (nil when not given)
	profile  string
	fake     bool
	debug    bool

	fakeState string // --fake-state (fakestate.go)

	client  *cloudmore.Client
	fakeSrv *cloudmoretest.Server
	cleanup []func()
	secrets []string // values never to print

	profileUsed string // the saved profile the credentials came from ("" for CLOUDMORE_*)

	onPriceAnswer func() // called after each answer to a price update (the progress bar)

	safe safety // --dry-run and --yes (dryrun.go, confirm.go)
}

// redact replaces every secret the run knows of in s.
func (a *app) redact(s string) string {
	for _, v := range a.secrets {
		if len(v) >= 4 {
			s = strings.ReplaceAll(s, v, "REDACTED")
		}
	}
	return s
}

// run runs the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	defer a.close()
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(ctx)
	err = a.endDryRun(cmd, err)
	err = a.finishFake(err)
	code := exitCode(ctx, err)
	if err != nil && !errors.Is(err, errReported) && err.Error() != "" {
		msg := err.Error()
		if code == exitInterrupted {
			msg = "interrupted"
		}
		fmt.Fprintln(stderr, "cloudmore: "+strings.TrimPrefix(a.userText(msg), "cloudmore: "))
		var ue *usageError
		if errors.As(err, &ue) || isCobraUsage(err) {
			fmt.Fprintln(stderr, "Run 'cloudmore --help' for usage.")
		}
	}
	return code
}

// errReported marks an error whose message has been printed already.
var errReported = errors.New("reported")

func isCobraUsage(err error) bool {
	s := err.Error()
	return strings.HasPrefix(s, "unknown command") || strings.HasPrefix(s, "unknown flag") ||
		strings.HasPrefix(s, "unknown shorthand flag") || strings.Contains(s, "flag needs an argument") ||
		strings.HasPrefix(s, "invalid argument") || strings.Contains(s, "required flag")
}

func (a *app) close() {
	for i := len(a.cleanup) - 1; i >= 0; i-- {
		a.cleanup[i]()
	}
}

const rootLong = `cloudmore is a command-line tool for Cloudmore's broker API, on the cloudmore-go SDK.

Commands are noun, then verb: cloudmore organizations list, cloudmore users get ORG USER.
Try any command with nothing configured against the built-in fake: cloudmore --fake ...

Credentials come from the CLOUDMORE_* variables (CLOUDMORE_CLIENT_SECRET, CLOUDMORE_USERNAME,
CLOUDMORE_PASSWORD, CLOUDMORE_RESELLER_ID; optional CLOUDMORE_CLIENT_ID, CLOUDMORE_SELLER_ID,
CLOUDMORE_ENV=staging|production, CLOUDMORE_BASE_URL; CLOUDMORE_POLL_INTERVAL sets how often
waits ask whether a task has finished), or from a profile saved with 'cloudmore profile login
NAME' (secrets in the system keyring) or 'cloudmore profile save NAME'. First match wins:
--fake (CLOUDMORE_FAKE=1); --profile NAME (CLOUDMORE_* then unused, and said so);
CLOUDMORE_PROFILE (refused with CLOUDMORE_* credentials set too); the CLOUDMORE_* variables; the
profile "default". 'cloudmore profile status' shows what is used and where each value came
from. CLOUDMORE_FAKE_STATE=FILE is --fake-state FILE.

Output: -o table (default on a terminal), json (default otherwise), jsonl, csv or yaml. Data
goes to stdout, progress and diagnostics to stderr. NO_COLOR is honoured. --jq EXPR filters
the whole result (JSON unless -o says otherwise); --columns a,b,c picks a table's or csv's
columns (a table unless -o says csv). A table fits the terminal's width; piped, nothing is cut.

` + exitCodesHelp

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "cloudmore",
		Short:         "Cloudmore's broker API from the command line",
		Long:          rootLong,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if v := a.getenv("CLOUDMORE_FAKE"); v != "" && v != "0" && v != "false" {
				a.fake = true
			}
			if err := a.checkFakeState(); err != nil {
				return err
			}
			if !validOutput(a.output) {
				return usagef("-o %q: want one of table, json, jsonl, csv, yaml", a.output)
			}
			return a.outputFlags(cmd)
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVarP(&a.output, "output", "o", "", "output format: table, json, jsonl, csv or yaml (default table on a terminal, json otherwise)")
	pf.BoolVar(&a.noHeader, "no-header", false, "leave out the header row of table and csv output")
	pf.StringVar(&a.jqExpr, "jq", "", "filter the whole result with a jq expression (prints JSON unless -o says otherwise)")
	pf.StringVar(&a.colsFlag, "columns", "", "the columns of table and csv output, comma-separated JSON member names (dotted when nested: address.city)")
	pf.StringVar(&a.profile, "profile", "", "the saved profile to use (default $CLOUDMORE_PROFILE, then \"default\")")
	pf.BoolVar(&a.fake, "fake", false, "run against a built-in fake Cloudmore seeded with demo data (also CLOUDMORE_FAKE=1)")
	pf.StringVar(&a.fakeState, "fake-state", "", "with --fake: keep the fake's state in this file between commands (also CLOUDMORE_FAKE_STATE)")
	pf.BoolVar(&a.debug, "debug", false, "log every HTTP attempt to stderr (never a secret)")
	_ = root.RegisterFlagCompletionFunc("output", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return outputFormats, cobra.ShellCompDirectiveNoFileComp
	})
	_ = root.RegisterFlagCompletionFunc("profile", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		names, _ := profileNames(a.getenv)
		return names, cobra.ShellCompDirectiveNoFileComp
	})
	root.SetHelpTemplate(root.HelpTemplate())

	a.addVerbs(root, append(declaredVerbs(), handWritten()...))
	root.AddCommand(a.apiCommand(), a.fakeCommand(), a.profileCommand(), a.swaggerCommand(), a.webhooksCommand())
	addBillingReport(a, root)
	addPricesUpdate(a, root)
	addVersion(a, root)
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = nil
			c.RunE = group(c.Use, c.Short).RunE
			for _, sh := range c.Commands() {
				sh.Example = "  cloudmore completion " + sh.Name() + " > cloudmore." + sh.Name()
			}
		}
	}
	return root
}

// group returns a command that only holds subcommands: alone it prints its help; with an
// unknown subcommand it is a usage error.
func group(use, short string, aliases ...string) *cobra.Command {
	return &cobra.Command{
		Use: use, Short: short, Aliases: aliases,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown command %q for %q", args[0], cmd.CommandPath())
			}
			return cmd.Help()
		},
	}
}

// exactArgs is cobra.ExactArgs with a usage error (exit 2) naming the arguments.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != len(names) {
			if len(names) == 0 {
				return usagef("%s takes no arguments, got %d", cmd.CommandPath(), len(args))
			}
			return usagef("%s needs %d argument(s): %s (got %d)", cmd.CommandPath(), len(names), strings.Join(names, " "), len(args))
		}
		return nil
	}
}

// Client returns the SDK client: against the built-in fake with --fake, otherwise with the
// credentials of the profile or the CLOUDMORE_* variables.
func (a *app) Client() (*cloudmore.Client, error) {
	if a.client != nil {
		return a.client, nil
	}
	var opts []cloudmore.Option
	if a.fake {
		srv, err := cloudmoretest.Start(cloudmoretest.Options{PollsUntilDone: 1})
		if err != nil {
			return nil, fmt.Errorf("start the built-in fake: %w", err)
		}
		a.cleanup = append(a.cleanup, srv.Close)
		if err := a.loadFakeState(srv); err != nil {
			return nil, err // not a.fakeSrv: the file is not written over
		}
		a.fakeSrv = srv
		opts = append(opts, cloudmore.WithBaseURL(srv.URL()), cloudmore.WithCredentials(srv.Credentials()),
			cloudmore.WithResellerID(srv.ResellerID()), cloudmore.WithSellerID(srv.SellerID()))
	} else {
		cfg, err := a.loadConfig()
		if err != nil {
			return nil, err
		}
		opts, err = cfg.options()
		if err != nil {
			return nil, err
		}
	}
	opts = append(opts, cloudmore.WithUserAgent("cloudmore-cli/"+cloudmore.Version),
		cloudmore.WithTransport(&countingTransport{base: http.DefaultTransport, on: func() {
			if a.onPriceAnswer != nil {
				a.onPriceAnswer()
			}
		}}))
	opts = append(opts, a.dryRunOptions()...)
	if a.debug {
		h := slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelDebug})
		opts = append(opts, cloudmore.WithLogger(slog.New(h)))
	}
	c, err := cloudmore.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	a.client = c
	return c, nil
}

// pollInterval is how often a wait asks whether a task has finished: CLOUDMORE_POLL_INTERVAL
// (a duration such as 10s), else 5 s, or 50 ms on the built-in fake.
func (a *app) pollInterval() time.Duration {
	if d, err := time.ParseDuration(a.getenv("CLOUDMORE_POLL_INTERVAL")); err == nil && d > 0 {
		return d
	}
	if a.fake {
		return 50 * time.Millisecond
	}
	return 5 * time.Second
}

// isTerminal reports whether w is a terminal (a variable for the tests).
var isTerminal = func(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// color reports whether output to w may use colour.
func (a *app) color(w any) bool {
	return a.getenv("NO_COLOR") == "" && a.getenv("TERM") != "dumb" && isTerminal(w)
}

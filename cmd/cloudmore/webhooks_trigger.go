package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	cloudmore "github.com/cloudmore-sdk/cloudmore-go"
	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

// `cloudmore webhooks trigger`: a seller's local loop. It sends one webhook call to a Service
// Connector as the fake sends it (cloudmoretest.WebhookPayload and NewWebhookRequest: the same
// code) and as far as the sources show Cloudmore does (docs/known-unknowns.md, "Seller side and
// webhooks"), with the credentials the seller registered, and prints the connector's answer.

// webhookCredentialsVar holds webhook credentials in their stored form (SecretString).
const webhookCredentialsVar = "CLOUDMORE_WEBHOOK_CREDENTIALS"

// triggerTimeout bounds one call of the connector.
const triggerTimeout = 30 * time.Second

// webhookMembers are the payload members the fake sends for each trigger type, beyond brokerId
// and serviceId: organizationId for the organization and subscription events, subsriptionId
// for the subscription events (cloudmoretest's sellerEvent callers).
func webhookMembers(t cloudmore.WebhookTriggerEventType) (org, sub bool) {
	switch t {
	case cloudmore.WebhookBrokerAddService, cloudmore.WebhookBrokerDeleteService:
		return false, false
	case cloudmore.WebhookOrganizationAddService, cloudmore.WebhookOrganizationDeleteService:
		return true, false
	}
	return true, true
}

const triggerLong = `Send one webhook call of trigger type TYPE to a Service Connector (a
cloudmore.WebhookReceiver, or any other) at --to, exactly as the built-in fake sends it: a POST
with Content-Type application/json, the Basic user and password and/or the custom header the
webhook was registered with, and the JSON body {"brokerId", "serviceId", "organizationId",
"subsriptionId" (sic)}: broker events carry the broker and the service, organization events add
the organization, subscription events add the subscription. That is as far as Cloudmore's
sources show its calls (its payload is shown only as an image; see the SDK's
docs/known-unknowns.md, "Seller side and webhooks").

--to is the webhook's URL. A URL ending in "/" is the receiver's mount point, and TYPE is
appended as its last segment, as c.Seller.Webhooks.Register (cloudmore.WebhookURL) registers it.

Credentials, as the seller registered them: --credentials with their stored form
(WebhookCredentials.SecretString, "cmwh1...."), or the variable CLOUDMORE_WEBHOOK_CREDENTIALS,
which keeps them off the command line; or --user NAME with the password on stdin
(--password-stdin) and/or --header "Name: value". Flags win over the variable (and say so).
Without any, the call goes without credentials (a receiver answers 401).

The ids default to the fake's demo data (its reseller, organization 1, and that organization's
Box.com subscription); give your own with the flags. A member the type does not carry is not
sent, flag or not (the flag is then named on stderr).

Prints the connector's answer: its status and body, with the call's type, URL and payload (-o
json shows them all). Exit code 0 for a 2xx answer, 1 for any other answer or none.`

func (a *app) webhooksCommand() *cobra.Command {
	cmd := group("webhooks", "Send webhook calls to a local Service Connector (the seller's registered webhooks: cloudmore seller webhooks)")
	var to, stored, user, header string
	var passwordStdin bool
	ids := map[string]*string{}
	trigger := &cobra.Command{
		Use:   "trigger TYPE --to URL",
		Short: "Send one webhook call to a Service Connector, as Cloudmore (and the fake) send it",
		Long:  triggerLong,
		Example: `  cloudmore webhooks trigger SubscriptionCreated --to http://127.0.0.1:8080/cloudmore/
  CLOUDMORE_WEBHOOK_CREDENTIALS="$(cat webhook.secret)" cloudmore webhooks trigger OrganizationAddService --to http://127.0.0.1:8080/cloudmore/ --service-id 5a1c...
  printf '%s\n' "$PASSWORD" | cloudmore webhooks trigger BrokerAddService --to http://127.0.0.1:8080/cloudmore/BrokerAddService --user connector --password-stdin`,
		Args: exactArgs("TYPE"),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			var out []string
			for _, t := range cloudmore.WebhookTriggerEventTypes() {
				out = append(out, string(t))
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			typ, err := triggerType(args[0])
			if err != nil {
				return err
			}
			target, err := triggerURL(to, typ)
			if err != nil {
				return err
			}
			creds, err := a.triggerCredentials(cmd, stored, user, header, passwordStdin)
			if err != nil {
				return err
			}
			withOrg, withSub := webhookMembers(typ)
			id := func(flag string, carried bool) string {
				if carried {
					return *ids[flag]
				}
				if cmd.Flags().Changed(flag) {
					fmt.Fprintf(a.stderr, "cloudmore: --%s not sent: %s calls carry no %s\n", flag, typ, strings.TrimSuffix(flag, "-id"))
				}
				return ""
			}
			payload := cloudmoretest.WebhookPayload(*ids["broker-id"], *ids["service-id"],
				id("organization-id", withOrg), id("subscription-id", withSub))
			req, err := cloudmoretest.NewWebhookRequest(cmd.Context(), target, payload, creds.Username, creds.Password, creds.HTTPHeader())
			if err != nil {
				return err
			}
			hc := &http.Client{Timeout: triggerTimeout}
			resp, err := hc.Do(req)
			if err != nil {
				return fmt.Errorf("no answer from the connector: %w", err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
			if err != nil {
				return fmt.Errorf("reading the connector's answer: %w", err)
			}
			sent, _ := decodeOrdered(payload)
			res := newObject()
			res.set("status", resp.StatusCode)
			res.set("type", string(typ))
			res.set("url", target)
			res.set("payload", sent)
			if utf8.Valid(body) {
				res.set("body", string(body))
			} else {
				res.set("body", fmt.Sprintf("(%d bytes, not text)", len(body)))
			}
			if err := a.print(cmd, res); err != nil {
				return err
			}
			if resp.StatusCode < 200 || resp.StatusCode > 299 {
				fmt.Fprintf(a.stderr, "cloudmore: the connector answered %s\n", resp.Status)
				return &codeError{exitError, errReported}
			}
			return nil
		},
	}
	f := trigger.Flags()
	f.StringVar(&to, "to", "", `the webhook's URL (required); one ending in "/" gets TYPE appended`)
	f.StringVar(&stored, "credentials", "", "the webhook credentials in their stored form (default $"+webhookCredentialsVar+")")
	f.StringVar(&user, "user", "", "the Basic user the webhook was registered with (basicAuthUserName)")
	f.BoolVar(&passwordStdin, "password-stdin", false, "read the Basic password from the first line of stdin")
	f.StringVar(&header, "header", "", `the custom header the webhook was registered with (httpHeader): "Name: value"`)
	for _, d := range []struct{ flag, def, help string }{
		{"broker-id", cloudmoretest.DefaultResellerID, "brokerId: the broker (reseller) of the event"},
		{"service-id", cloudmoretest.BoxServiceID, "serviceId: the seller service of the event"},
		{"organization-id", cloudmoretest.SeedOrganization1ID, "organizationId: the organization (organization and subscription events)"},
		{"subscription-id", cloudmoretest.SeedSubscriptionID, "subsriptionId (sic): the subscription (subscription events)"},
	} {
		ids[d.flag] = f.String(d.flag, d.def, d.help)
	}
	_ = trigger.MarkFlagRequired("to")
	cmd.AddCommand(trigger)
	return cmd
}

// triggerType reads TYPE: a trigger type the SDK names, in any casing.
func triggerType(s string) (cloudmore.WebhookTriggerEventType, error) {
	var names []string
	for _, t := range cloudmore.WebhookTriggerEventTypes() {
		if strings.EqualFold(s, string(t)) {
			return t, nil
		}
		names = append(names, string(t))
	}
	return "", usagef("%q is not a webhook trigger type: want one of %s", s, strings.Join(names, ", "))
}

// triggerURL is the URL called: --to, with the type appended when it ends in "/".
func triggerURL(to string, t cloudmore.WebhookTriggerEventType) (string, error) {
	u, err := url.Parse(to)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", usagef("--to %q: want an absolute http or https URL such as http://127.0.0.1:8080/cloudmore/", to)
	}
	if strings.HasSuffix(u.Path, "/") {
		return cloudmore.WebhookURL(to, t)
	}
	return to, nil
}

// triggerCredentials picks the credentials: --credentials, or --user/--password-stdin and
// --header, else CLOUDMORE_WEBHOOK_CREDENTIALS; none is a call without credentials. Every
// secret is added to the values never printed.
func (a *app) triggerCredentials(cmd *cobra.Command, stored, user, header string, passwordStdin bool) (cloudmore.WebhookCredentials, error) {
	var creds cloudmore.WebhookCredentials
	fromFlags := cmd.Flags().Changed("user") || cmd.Flags().Changed("header")
	env := a.getenv(webhookCredentialsVar)
	switch {
	case cmd.Flags().Changed("credentials") && (fromFlags || passwordStdin):
		return creds, usagef("--credentials is all the credentials: give it, or --user/--password-stdin and --header, not both")
	case passwordStdin && user == "":
		return creds, usagef("--password-stdin needs --user")
	case cmd.Flags().Changed("credentials"):
		if env != "" {
			fmt.Fprintf(a.stderr, "cloudmore: %s not used: --credentials given\n", webhookCredentialsVar)
		}
		return a.parseWebhookCredentials(stored, "--credentials")
	case fromFlags:
		if env != "" {
			fmt.Fprintf(a.stderr, "cloudmore: %s not used: --user or --header given\n", webhookCredentialsVar)
		}
		creds.Username = user
		if user != "" && !passwordStdin {
			fmt.Fprintln(a.stderr, "cloudmore: --user without --password-stdin: the Basic password sent is empty")
		}
		if passwordStdin {
			line, err := bufio.NewReader(a.stdin).ReadString('\n')
			if err != nil && !errors.Is(err, io.EOF) {
				return creds, fmt.Errorf("--password-stdin: %w", err)
			}
			creds.Password = strings.TrimRight(line, "\r\n")
			a.secrets = append(a.secrets, creds.Password)
		}
		if header != "" {
			name, value, ok := strings.Cut(header, ":")
			if !ok || strings.TrimSpace(name) == "" {
				return creds, usagef(`--header: want "Name: value"`)
			}
			creds.HeaderName, creds.HeaderValue = strings.TrimSpace(name), strings.TrimSpace(value)
			a.secrets = append(a.secrets, creds.HeaderValue)
		}
		return creds, nil
	case env != "":
		return a.parseWebhookCredentials(env, webhookCredentialsVar)
	}
	fmt.Fprintf(a.stderr, "cloudmore: sending without credentials (give --credentials, %s, --user or --header)\n", webhookCredentialsVar)
	return creds, nil
}

// parseWebhookCredentials reads the stored form; its error names where it came from and not
// the value.
func (a *app) parseWebhookCredentials(s, where string) (cloudmore.WebhookCredentials, error) {
	a.secrets = append(a.secrets, strings.TrimSpace(s))
	creds, err := cloudmore.ParseWebhookCredentials(s)
	if err != nil {
		var ve *cloudmore.ValidationError
		if errors.As(err, &ve) {
			return creds, usagef("%s: %s", where, ve.Reason)
		}
		return creds, usagef("%s: not webhook credentials", where)
	}
	a.secrets = append(a.secrets, creds.Password, creds.HeaderValue)
	return creds, nil
}

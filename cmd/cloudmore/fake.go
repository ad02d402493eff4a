package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cloudmore-sdk/cloudmore-go/cloudmoretest"
)

func (a *app) fakeCommand() *cobra.Command {
	cmd := group("fake", "The built-in fake Cloudmore (cloudmoretest) as a server")
	var addr string
	var noSeed bool
	serve := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080]",
		Short: "Run the fake Cloudmore as an HTTP server until Ctrl-C or SIGTERM",
		Long: `Run the fake Cloudmore (the SDK's cloudmoretest, seeded with its demo data) as an HTTP
server, for tools in other languages and for demos. It prints its URL, reseller id and
credentials (the fake's own, not a secret), and stops cleanly on Ctrl-C or SIGTERM. Point this tool at it
with CLOUDMORE_BASE_URL and the printed variables.`,
		Example: "  cloudmore fake serve --addr 127.0.0.1:8080",
		Args:    exactArgs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			srv, err := cloudmoretest.Start(cloudmoretest.Options{NoSeed: noSeed})
			if err != nil {
				return err
			}
			defer srv.Close()
			l, err := net.Listen("tcp", addr)
			if err != nil {
				return &usageError{fmt.Errorf("--addr %s: %w", addr, err)}
			}
			url := "http://" + l.Addr().String()
			hs := &http.Server{Handler: rebase(srv, srv.URL(), url), ReadHeaderTimeout: 10 * time.Second}
			creds := srv.Credentials()
			fmt.Fprintf(a.stdout, "Fake Cloudmore listening on %s\n\n", url)
			fmt.Fprintf(a.stdout, "CLOUDMORE_BASE_URL=%s\nCLOUDMORE_RESELLER_ID=%s\nCLOUDMORE_SELLER_ID=%s\n", url, srv.ResellerID(), srv.SellerID())
			fmt.Fprintf(a.stdout, "CLOUDMORE_CLIENT_ID=%s\nCLOUDMORE_CLIENT_SECRET=%s\nCLOUDMORE_USERNAME=%s\nCLOUDMORE_PASSWORD=%s\n\n",
				creds.ClientID, creds.ClientSecret, creds.Username, creds.Password)
			fmt.Fprintf(a.stdout, "Token endpoint: %s/connect/token; API: %s/api/resellers/%s. Ctrl-C stops it.\n", url, url, srv.ResellerID())
			errc := make(chan error, 1)
			go func() { errc <- hs.Serve(l) }()
			select {
			case err := <-errc:
				return err
			case <-cmd.Context().Done():
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := hs.Shutdown(ctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			fmt.Fprintln(a.stderr, "fake Cloudmore stopped")
			return nil
		},
	}
	serve.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "the address to listen on")
	serve.Flags().BoolVar(&noSeed, "no-seed", false, "start without the demo organizations, users and subscriptions")
	cmd.AddCommand(serve)
	return cmd
}

// rebase serves h on another address: the absolute URLs the fake writes in Location headers
// name its own loopback address, and are rewritten to the one served.
func rebase(h http.Handler, from, to string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&rebaseWriter{ResponseWriter: w, from: from, to: to}, r)
	})
}

type rebaseWriter struct {
	http.ResponseWriter
	from, to string
	wrote    bool
}

func (w *rebaseWriter) fix() {
	if w.wrote {
		return
	}
	w.wrote = true
	if loc := w.Header().Get("Location"); strings.HasPrefix(loc, w.from) {
		w.Header().Set("Location", w.to+strings.TrimPrefix(loc, w.from))
	}
}

func (w *rebaseWriter) WriteHeader(code int) { w.fix(); w.ResponseWriter.WriteHeader(code) }
func (w *rebaseWriter) Write(b []byte) (int, error) {
	w.fix()
	return w.ResponseWriter.Write(b)
}

// Flush lets streamed answers through.
func (w *rebaseWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the underlying writer (the fake can drop connections).
func (w *rebaseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Hijack lets the fake drop a connection (DropConnection) through the rebasing writer.
func (w *rebaseWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := w.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("hijack not supported")
	}
	return hj.Hijack()
}

package main

import "github.com/spf13/cobra"

func (a *app) swaggerCommand() *cobra.Command {
	cmd := group("swagger", "Check the SDK against Cloudmore's Swagger document")
	return cmd
}

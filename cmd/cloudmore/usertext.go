package main

// userText is a message as the command prints it: without the secrets the run knows of.
func (a *app) userText(s string) string {
	return a.redact(s)
}

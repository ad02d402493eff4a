// Package cloudmore is a typed Go client for the Cloudmore REST API.
package cloudmore

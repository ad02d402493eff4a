package cloudmore

import (
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"iter"
)

// PageOptions selects one page of a paged Cloudmore report (pageNumber/pageSize). Cloudmore
// does not document the first page's number or the largest page size; the SDK starts at 1.
type PageOptions struct {
	// PageNumber is the page to read, from 1.
	PageNumber int `url:"pageNumber,omitempty"`
	// PageSize is the number of lines per page; the walkers use DefaultPageSize when it is zero.
	PageSize int `url:"pageSize,omitempty"`
}

// DefaultPageSize is the page size the walkers ask for when none is given. A walker needs a
// page size to tell the last (short) page.
const DefaultPageSize = 100

// pageFetch reads one page: its items and its raw JSON (to detect a server that ignores the
// page number and sends the same page again).
type pageFetch[T any] func(ctx context.Context, page PageOptions) (items []T, raw []byte, err error)

// walkPages returns an iterator over every item of every page, starting at first. It stops
// after a page shorter than the page size (or empty), and fails with an error, instead of
// looping forever, when a page repeats the previous one. Breaking out of the loop stops
// fetching.
func walkPages[T any](ctx context.Context, first PageOptions, fetch pageFetch[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		page := first
		if page.PageNumber < 1 {
			page.PageNumber = 1
		}
		if page.PageSize < 1 {
			page.PageSize = DefaultPageSize
		}
		var prevHash uint64
		var prevLen int
		for {
			items, raw, err := fetch(ctx, page)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			if len(items) == 0 {
				return
			}
			h := hashBytes(raw)
			if prevLen > 0 && h == prevHash && len(raw) == prevLen {
				var zero T
				yield(zero, fmt.Errorf("cloudmore: page %d repeats page %d: the server ignored pageNumber, stopping", page.PageNumber, page.PageNumber-1))
				return
			}
			prevHash, prevLen = h, len(raw)
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if len(items) < page.PageSize {
				return
			}
			page.PageNumber++
		}
	}
}

func hashBytes(b []byte) uint64 {
	h := fnv.New64a()
	_, _ = h.Write(bytes.TrimSpace(b))
	return h.Sum64()
}

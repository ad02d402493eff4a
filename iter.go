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
// Methods take a *PageOptions: nil, or a zero field, means page 1 and DefaultPageSize.
type PageOptions struct {
	// PageNumber is the page to read, from 1.
	PageNumber int `url:"pageNumber,omitempty"`
	// PageSize is the number of lines per page; DefaultPageSize when zero.
	PageSize int `url:"pageSize,omitempty"`
}

// DefaultPageSize is the page size asked for when none is given.
const DefaultPageSize = 100

// withDefaults fills in page 1 and DefaultPageSize.
func (o PageOptions) withDefaults() PageOptions {
	if o.PageNumber < 1 {
		o.PageNumber = 1
	}
	if o.PageSize < 1 {
		o.PageSize = DefaultPageSize
	}
	return o
}

// validate refuses a negative page number or size (zero means the default).
func (o *PageOptions) validate() error {
	if o == nil {
		return nil
	}
	var v validator
	if o.PageNumber < 0 {
		v.fail("pageNumber", "must not be negative")
	}
	if o.PageSize < 0 {
		v.fail("pageSize", "must not be negative")
	}
	return v.err()
}

// pageFetch reads one page: its items and its raw JSON (to detect a server that ignores the
// page number and sends the same page again).
type pageFetch[T any] func(ctx context.Context, page PageOptions) (items []T, raw []byte, err error)

// walkPages returns an iterator over every item of every page, starting at first. It stops on
// an empty page, or on a page shorter than the pages before it. A short FIRST page is not
// trusted to be the last: Cloudmore does not document its largest page size, and a server
// that caps pages below the size asked for serves short pages that are not the last. So the
// walk then asks for pages of the first page's length, and reads on: the page size it sends
// is the one it counts with, so a capping server yields every item whether it counts offsets
// with the size asked for or with the size it serves (both agree once the size asked for is
// within the cap). Nothing is lost, at the price of one request when a report fits on one
// short page. (Starting at a later page than 1 assumes the server serves the size asked for:
// which offset a capped later page had cannot be known.) A page that repeats the previous one (a server that ignores pageNumber)
// ends the walk with an error instead of looping forever. Breaking out of the loop stops
// fetching.
func walkPages[T any](ctx context.Context, first PageOptions, fetch pageFetch[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		page := first.withDefaults()
		size := page.PageSize // the page size the server is known to serve
		var prevHash uint64
		var prevLen int
		for n := 1; ; n++ {
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
				yield(zero, fmt.Errorf("cloudmore: page %d repeats page %d: the server ignored pageNumber; stopping",
					page.PageNumber, page.PageNumber-1))
				return
			}
			prevHash, prevLen = h, len(raw)
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			switch {
			case n == 1 && len(items) < size:
				// Maybe the last page, maybe the server's largest: read on, asking for pages
				// of the size it served.
				size = len(items)
				page.PageSize = size
			case len(items) < size:
				return // shorter than the pages before it: the last page
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

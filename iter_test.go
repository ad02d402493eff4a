package cloudmore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakePages serves total items in pages; it records the pages asked for.
type fakePages struct {
	total   int
	asked   []PageOptions
	repeat  bool // ignore pageNumber: always serve page 1
	failAt  int  // page number that fails (0: none)
	maxSize int  // the server's own page-size cap (0: none)
	clamp   bool // answer a page past the end with the last page
	// byAsked counts offsets with the page size asked for ((pageNumber-1)*asked), not with the
	// capped size the server serves: the other convention a capping server may follow.
	byAsked bool
}

func (f *fakePages) fetch(_ context.Context, page PageOptions) ([]int, []byte, error) {
	f.asked = append(f.asked, page)
	if page.PageNumber == f.failAt {
		return nil, nil, errors.New("boom")
	}
	num, size := page.PageNumber, page.PageSize
	if f.maxSize > 0 && size > f.maxSize {
		size = f.maxSize
	}
	if f.repeat {
		num = 1
	}
	if last := max(1, (f.total+size-1)/size); f.clamp && num > last {
		num = last
	}
	var items []int
	var raw []string
	start := (num - 1) * size
	if f.byAsked {
		start = (num - 1) * page.PageSize
	}
	for i := start; i < min(start+size, f.total); i++ {
		items = append(items, i)
		raw = append(raw, fmt.Sprint(i))
	}
	return items, []byte("[" + strings.Join(raw, ",") + "]"), nil
}

func collect(t *testing.T, f *fakePages, first PageOptions) ([]int, error) {
	t.Helper()
	var got []int
	for v, err := range walkPages(context.Background(), first, f.fetch) {
		if err != nil {
			return got, err
		}
		got = append(got, v)
	}
	return got, nil
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func TestWalkPagesZeroPages(t *testing.T) {
	f := &fakePages{total: 0}
	got, err := collect(t, f, PageOptions{})
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.Equal(t, []PageOptions{{PageNumber: 1, PageSize: DefaultPageSize}}, f.asked, "starts at page 1 with the default size; an empty page ends the walk")
}

func TestWalkPagesOnePage(t *testing.T) {
	f := &fakePages{total: 3}
	got, err := collect(t, f, PageOptions{PageSize: 10})
	require.NoError(t, err)
	assert.Equal(t, seq(3), got)
	assert.Equal(t, []PageOptions{{1, 10}, {2, 3}}, f.asked, "a short first page may not be the last: the walk asks for pages of its length and ends on the empty page after it")
}

func TestWalkPagesManyPages(t *testing.T) {
	f := &fakePages{total: 25}
	got, err := collect(t, f, PageOptions{PageSize: 10})
	require.NoError(t, err)
	assert.Equal(t, seq(25), got)
	assert.Equal(t, []PageOptions{{1, 10}, {2, 10}, {3, 10}}, f.asked, "a page shorter than the ones before it is the last")
}

func TestWalkPagesExactMultiple(t *testing.T) {
	f := &fakePages{total: 20}
	got, err := collect(t, f, PageOptions{PageSize: 10})
	require.NoError(t, err)
	assert.Equal(t, seq(20), got)
	assert.Len(t, f.asked, 3, "a full last page, then the empty one after it")
}

func TestWalkPagesStartsWhereAsked(t *testing.T) {
	f := &fakePages{total: 25}
	got, err := collect(t, f, PageOptions{PageNumber: 2, PageSize: 10})
	require.NoError(t, err)
	assert.Equal(t, seq(25)[10:], got)
	assert.Equal(t, []PageOptions{{2, 10}, {3, 10}}, f.asked)
}

func TestWalkPagesRepeatingPage(t *testing.T) {
	f := &fakePages{total: 100, repeat: true}
	got, err := collect(t, f, PageOptions{PageSize: 10})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "page 2 repeats page 1")
	assert.Equal(t, seq(10), got, "the first page is yielded once, the repeat not at all")
	assert.Len(t, f.asked, 2)
}

func TestWalkPagesError(t *testing.T) {
	f := &fakePages{total: 100, failAt: 3}
	got, err := collect(t, f, PageOptions{PageSize: 10})
	assert.EqualError(t, err, "boom")
	assert.Equal(t, seq(20), got)
}

func TestWalkPagesBreakStopsFetching(t *testing.T) {
	f := &fakePages{total: 100}
	n := 0
	for v, err := range walkPages(context.Background(), PageOptions{PageSize: 10}, f.fetch) {
		require.NoError(t, err)
		n++
		if v == 14 {
			break
		}
	}
	assert.Equal(t, 15, n)
	assert.Len(t, f.asked, 2)
}

func TestWalkPagesServerCapsPageSize(t *testing.T) {
	// A server whose largest page is smaller than the size asked for serves short pages that
	// are not the last: the walk reads on until an empty page and loses nothing.
	f := &fakePages{total: 100, maxSize: 50}
	got, err := collect(t, f, PageOptions{PageSize: 80})
	require.NoError(t, err)
	assert.Equal(t, seq(100), got)
	assert.Equal(t, []PageOptions{{1, 80}, {2, 50}, {3, 50}}, f.asked, "after the capped first page the walk sends the size it counts with")

	f = &fakePages{total: 120, maxSize: 50}
	got, err = collect(t, f, PageOptions{})
	require.NoError(t, err)
	assert.Equal(t, seq(120), got, "pages of 50, 50, 20 under the default size of 100")
	assert.Len(t, f.asked, 3, "50 is the server's page size once page 2 has items; 20 is the last")
}

func TestWalkPagesServerCapsAndIgnoresPageNumber(t *testing.T) {
	f := &fakePages{total: 100, maxSize: 50, repeat: true}
	got, err := collect(t, f, PageOptions{PageSize: 80})
	require.ErrorContains(t, err, "page 2 repeats page 1")
	assert.Equal(t, seq(50), got)
}

func TestWalkPagesServerRepeatsLastPagePastTheEnd(t *testing.T) {
	// A server that answers a page past the end with the last page again: the short last
	// page ends the walk before the repeat is asked for.
	f := &fakePages{total: 25, clamp: true}
	got, err := collect(t, f, PageOptions{PageSize: 10})
	require.NoError(t, err)
	assert.Equal(t, seq(25), got)
	assert.Len(t, f.asked, 3)

	// Only when the first page is also the last, and short, is the repeat seen: then the
	// walk says so rather than guess, with every line already yielded.
	f = &fakePages{total: 5, clamp: true}
	got, err = collect(t, f, PageOptions{PageSize: 10})
	require.ErrorContains(t, err, "page 2 repeats page 1")
	assert.Equal(t, seq(5), got)
}

// TestWalkPagesCappedServerEitherConvention: a server that serves 50 when 100 is asked must
// still yield every item exactly once, whether it counts offsets with the size asked for or
// with the size it serves; the walker sends the page size it counts with.
func TestWalkPagesCappedServerEitherConvention(t *testing.T) {
	for _, byAsked := range []bool{false, true} {
		for _, total := range []int{0, 37, 50, 100, 237, 250} {
			t.Run(fmt.Sprintf("byAsked=%v/total=%d", byAsked, total), func(t *testing.T) {
				f := &fakePages{total: total, maxSize: 50, byAsked: byAsked}
				got, err := collect(t, f, PageOptions{PageSize: 100})
				require.NoError(t, err)
				assert.Equal(t, total, len(got))
				if total > 0 {
					assert.Equal(t, seq(total), got)
				}
				for i, p := range f.asked[1:] {
					assert.Equal(t, min(50, max(total, 1)), p.PageSize, "request %d sends the size the walker counts with", i+2)
				}
			})
		}
	}
}

package cloudmore

// Decoding a 2xx answer (one way for every call: a model, a list, raw JSON, or a stream a
// report reader takes over), reading error and redirect answers, and keeping the raw JSON of
// models whose fields no source shows.

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
)

// utf8BOM is the byte-order mark .NET writes before JSON.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// trackedBody reads an answer's body for the decoder: it drops a leading UTF-8 byte-order
// mark, remembers whether reading itself failed (the connection broke) as opposed to a body
// that arrived whole and does not decode, and keeps the first bytes to quote in an error.
type trackedBody struct {
	r       io.ReadCloser
	err     error
	started bool
	pending []byte // bytes read while looking for the BOM, not yet handed out
	peek    [3]byte
	head    [512]byte
	nhead   int
}

func (b *trackedBody) Read(p []byte) (int, error) {
	if !b.started && len(p) >= len(b.peek) {
		// The first read fills p as a plain read would (the decoder's buffer stays the
		// size it is without a BOM), and drops a BOM at its start.
		b.started = true
		n, err := io.ReadAtLeast(b.r, p, len(utf8BOM))
		if n >= len(utf8BOM) && bytes.Equal(p[:len(utf8BOM)], utf8BOM) {
			n = copy(p, p[len(utf8BOM):n])
		}
		if err == io.ErrUnexpectedEOF {
			err = io.EOF // a body shorter than a BOM
		}
		if err != nil && err != io.EOF {
			b.err = err
		}
		b.nhead += copy(b.head[b.nhead:], p[:n])
		return n, err
	}
	if !b.started {
		b.started = true
		n, err := io.ReadFull(b.r, b.peek[:])
		b.pending = b.peek[:n]
		if n == 3 && bytes.Equal(b.pending, utf8BOM) {
			b.pending = nil
		}
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			b.err = err
			return 0, err
		}
		if err != nil && len(b.pending) == 0 {
			return 0, io.EOF
		}
	}
	var n int
	var err error
	if len(b.pending) > 0 {
		n = copy(p, b.pending)
		b.pending = b.pending[n:]
	} else {
		n, err = b.r.Read(p)
	}
	b.nhead += copy(b.head[b.nhead:], p[:n])
	if err != nil && err != io.EOF {
		b.err = err
	}
	return n, err
}

// fillHead reads on until the head is full or the body ends, for the error's quote.
func (b *trackedBody) fillHead() {
	var buf [256]byte
	for b.nhead < len(b.head) {
		if _, err := b.Read(buf[:min(len(buf), len(b.head)-b.nhead)]); err != nil {
			return
		}
	}
}

// quote is the start of the body, for an error message.
func (b *trackedBody) quote() string {
	return truncate(string(bytes.TrimSpace(b.head[:b.nhead])), 256)
}

func (b *trackedBody) Close() error { return b.r.Close() }

// unwrapURLError drops net/http's *url.Error, whose text repeats the whole URL (query included).
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// streamTarget is the hand-off through which a streaming area (the billing report readers)
// takes a 2xx body unread and decodes it as it arrives; the pipeline knows nothing of what it
// decodes. The body it gets has no byte-order mark. The receiver must close the body.
type streamTarget interface{ takeBody(io.ReadCloser) }

var jsonNull = []byte("null")

// decodeBody decodes a 2xx body into out from the stream, then drains and closes it.
func (c *Client) decodeBody(resp *http.Response, body *trackedBody, out any, method, path string) (err error) {
	if t, ok := out.(streamTarget); ok && resp.StatusCode != http.StatusNoContent {
		t.takeBody(body) // a report reader decodes the body as it arrives, and closes it
		return nil
	}
	defer func() {
		if err != nil && body.err == nil {
			body.fillHead() // the decoder may have stopped early: quote the start in full
		}
		body.Close()
	}()
	want, mustHave := out.(nonEmpty)
	if mustHave {
		out = want.v
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		// Nothing to decode: the status says the operation happened. A failure while
		// draining the rest changes nothing (and must not make a DELETE be sent again).
		_, _ = io.Copy(io.Discard, io.LimitReader(body, 1<<16))
		if mustHave && out != nil {
			return ErrEmptyAnswer
		}
		return nil
	}
	switch o := out.(type) {
	case *json.RawMessage:
		b, err := io.ReadAll(body)
		switch t := bytes.TrimSpace(b); {
		case err != nil:
		case mustHave && (len(t) == 0 || bytes.Equal(t, jsonNull)):
			err = ErrEmptyAnswer
		case len(t) > 0:
			// The body is kept as sent, but it must be JSON: a proxy's HTML page or a cut
			// answer is a *DecodeError, not a json.RawMessage that cannot be marshalled.
			var check json.RawMessage
			err = json.Unmarshal(t, &check)
		}
		*o = b
		return err
	case *[]byte:
		b, err := io.ReadAll(body)
		if err == nil && mustHave && len(bytes.TrimSpace(b)) == 0 {
			err = ErrEmptyAnswer
		}
		*o = b
		return err
	}
	if c.unknownFields != nil {
		err := c.decodeStrict(body, out, method, path)
		if h := bytes.TrimSpace(body.head[:body.nhead]); err == nil && mustHave && (len(h) == 0 || bytes.HasPrefix(h, jsonNull)) {
			return ErrEmptyAnswer
		}
		return err
	}
	dec := json.NewDecoder(body)
	if err := dec.Decode(out); err != nil {
		if errors.Is(err, io.EOF) && body.err == nil {
			if mustHave {
				return ErrEmptyAnswer
			}
			return nil // an empty body: nothing to decode
		}
		return err
	}
	if mustHave && bytes.HasPrefix(bytes.TrimSpace(body.head[:body.nhead]), jsonNull) {
		return ErrEmptyAnswer // a bare null where one resource was expected: never a zero model
	}
	// The value is whole; what follows it is read only to reuse the connection.
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 1<<16))
	return nil
}

// newAPIError reads an error answer. The body loses a leading byte-order mark, and the
// client's own token, client secret and password are redacted wherever the answer quotes
// them back.
func newAPIError(method, path string, resp *http.Response, rd *strings.Replacer) *APIError {
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	body = bytes.TrimPrefix(body, utf8BOM)
	if r := rd.Replace(string(body)); r != string(body) {
		body = []byte(r)
	}
	e := &APIError{StatusCode: resp.StatusCode, Method: method, Path: path, Body: body,
		RequestID: requestID(resp.Header), Header: resp.Header}
	e.parseErrorBody()
	return e
}

// newRedirectError describes a redirect that was not followed.
func newRedirectError(method, path string, resp *http.Response, rd *strings.Replacer) *RedirectError {
	loc := resp.Header.Get("Location")
	if r := rd.Replace(loc); r != loc {
		resp.Header.Set("Location", r) // the *Response returned beside the error shows no secret either
	}
	if loc != "" && resp.Request != nil && resp.Request.URL != nil {
		if u, err := resp.Request.URL.Parse(loc); err == nil {
			loc = u.String()
		}
	}
	return &RedirectError{Method: method, Path: path, StatusCode: resp.StatusCode,
		Location: rd.Replace(loc), RequestID: requestID(resp.Header)}
}

// drain reads a little of a body and closes it so the connection can be reused.
func drain(resp *http.Response) { drainClose(resp.Body) }

// drainClose reads what is left of a body, up to 64 KiB, and closes it: a body read to its
// end lets the connection be reused; a larger rest is not worth reading, the connection is
// dropped instead.
func drainClose(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 1<<16))
	body.Close()
}

// bodyStream is the streamTarget the report readers use.
type bodyStream struct{ body io.ReadCloser }

func (b *bodyStream) takeBody(r io.ReadCloser) { b.body = r }

// keepRaw keeps a copy of b as the whole of a model whose shape no source shows (an object or
// an array: unmarshalKeepRaw decodes objects only). Such models have the one-line method
//
//	func (r *BillingPerServiceReport) UnmarshalJSON(b []byte) error { return keepRaw(b, &r.Raw) }
func keepRaw(b []byte, raw *RawJSON) error {
	*raw = append((*raw)[:0:0], b...)
	return nil
}

// nonEmpty marks a decode target for which an empty answer is an error (a *DecodeError that
// matches ErrEmptyAnswer).
type nonEmpty struct{ v any }

// rawFieldCache holds, per model type, a method-less struct type with the same fields, so
// that unmarshalKeepRaw can decode into it without calling the model's UnmarshalJSON again.
var rawFieldCache sync.Map // reflect.Type -> reflect.Type

// unmarshalKeepRaw decodes b into v, a pointer to a model struct with a `Raw RawJSON`
// field, and keeps a copy of b in Raw, so that nothing Cloudmore sends is lost. Every model
// that keeps its raw answer has the same one-line method:
//
//	func (o *Organization) UnmarshalJSON(b []byte) error { return unmarshalKeepRaw(b, o) }
func unmarshalKeepRaw(b []byte, v any) error {
	rv := reflect.ValueOf(v).Elem()
	t := rv.Type()
	pt, ok := rawFieldCache.Load(t)
	if !ok {
		fields := make([]reflect.StructField, t.NumField())
		for i := range fields {
			fields[i] = t.Field(i)
		}
		pt, _ = rawFieldCache.LoadOrStore(t, reflect.StructOf(fields))
	}
	plain := reflect.New(pt.(reflect.Type))
	if err := json.Unmarshal(b, plain.Interface()); err != nil {
		return err
	}
	rv.Set(plain.Elem().Convert(t))
	raw := rv.FieldByName("Raw")
	raw.Set(reflect.ValueOf(append(RawJSON(nil), b...)).Convert(raw.Type()))
	return nil
}

// decodeKeepRaw decodes b into into (which must not be the model itself) and keeps a copy of b
// in *raw: for the models whose known part is not a plain struct decode.
func decodeKeepRaw(b []byte, into any, raw *RawJSON) error {
	if err := json.Unmarshal(b, into); err != nil {
		return err
	}
	return keepRaw(b, raw)
}

package cloudmoretest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// docStore keeps the resources whose shape Cloudmore does not document (the seller's
// administrators, brokers, products, add-ons, ...): the JSON object a client sent, with the
// "id" the fake gave it. It enforces no rule the SDK does not document; a caller adds the few
// documented checks before storing.
type docStore struct {
	cols map[string]*docCollection
}

// docCollection is one list of documents, in creation order.
type docCollection struct {
	ids  []string
	docs map[string]map[string]any
}

// col returns the collection named key (a resource kind and its parents' ids), creating it.
func (d *docStore) col(key string) *docCollection {
	if d.cols == nil {
		d.cols = map[string]*docCollection{}
	}
	c := d.cols[strings.ToLower(key)]
	if c == nil {
		c = &docCollection{docs: map[string]map[string]any{}}
		d.cols[strings.ToLower(key)] = c
	}
	return c
}

func (c *docCollection) list() []map[string]any {
	out := make([]map[string]any, 0, len(c.ids))
	for _, id := range c.ids {
		out = append(out, c.docs[id])
	}
	return out
}

func (c *docCollection) add(doc map[string]any) string {
	id := newID()
	doc["id"] = id
	c.ids = append(c.ids, id)
	c.docs[id] = doc
	return id
}

// put stores doc under an id given by the fake itself (a product made by a test helper).
func (c *docCollection) put(id string, doc map[string]any) {
	id = strings.ToLower(id)
	doc["id"] = id
	if _, ok := c.docs[id]; !ok {
		c.ids = append(c.ids, id)
	}
	c.docs[id] = doc
}

func (c *docCollection) get(id string) map[string]any { return c.docs[strings.ToLower(id)] }

func (c *docCollection) remove(id string) bool {
	id = strings.ToLower(id)
	if _, ok := c.docs[id]; !ok {
		return false
	}
	delete(c.docs, id)
	c.ids = slices.DeleteFunc(c.ids, func(s string) bool { return s == id })
	return true
}

// docKey names a collection: kind, then the values of the path's parent wildcards.
func docKey(r *http.Request, kind string, parents ...string) string {
	key := kind
	for _, p := range parents {
		key += "/" + r.PathValue(p)
	}
	return key
}

// docRoutes registers list, create, get, update and delete of one document collection under
// base (a pattern whose wildcards are named in parents), the item at base+"/{"+idName+"}".
// check, when set, refuses a body the SDK documents as invalid (it writes the answer and
// returns false). location gives the Location URL of a created document.
type docRoutes struct {
	s        *Server
	register func(pattern string, h http.HandlerFunc)
	kind     string
	parents  []string
	check    func(w http.ResponseWriter, doc map[string]any) bool
	location func(r *http.Request, id string) string
}

func (d docRoutes) collection(r *http.Request) *docCollection {
	return d.s.st.docs.col(docKey(r, d.kind, d.parents...))
}

func (d docRoutes) routes(base, idName string, methods string) {
	item := base + "/{" + idName + "}"
	if strings.Contains(methods, "L") {
		d.register("GET "+base, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, d.collection(r).list()) })
	}
	if strings.Contains(methods, "C") {
		d.register("POST "+base, func(w http.ResponseWriter, r *http.Request) {
			doc, ok := readDoc(w, r)
			if !ok || (d.check != nil && !d.check(w, doc)) {
				return
			}
			id := d.collection(r).add(doc)
			writeCreated(w, d.location(r, id))
		})
	}
	if strings.Contains(methods, "G") {
		d.register("GET "+item, func(w http.ResponseWriter, r *http.Request) {
			if doc := d.find(w, r, idName); doc != nil {
				writeJSON(w, http.StatusOK, doc)
			}
		})
	}
	if strings.Contains(methods, "U") {
		d.register("PUT "+item, func(w http.ResponseWriter, r *http.Request) {
			old := d.find(w, r, idName)
			if old == nil {
				return
			}
			doc, ok := readDoc(w, r)
			if !ok {
				return
			}
			for k, v := range doc {
				if k != "id" {
					old[k] = v
				}
			}
			writeNoContent(w)
		})
	}
	if strings.Contains(methods, "D") {
		d.register("DELETE "+item, func(w http.ResponseWriter, r *http.Request) {
			if !d.collection(r).remove(r.PathValue(idName)) {
				notFound(w, "%s %s not found", d.kind, r.PathValue(idName))
				return
			}
			writeNoContent(w)
		})
	}
}

func (d docRoutes) find(w http.ResponseWriter, r *http.Request, idName string) map[string]any {
	doc := d.collection(r).get(r.PathValue(idName))
	if doc == nil {
		notFound(w, "%s %s not found", d.kind, r.PathValue(idName))
	}
	return doc
}

// readDoc reads a JSON object body, keeping numbers as their text (json.Number), so that an
// amount such as 12.50 comes back as 12.50: the fake never turns money into float64.
func readDoc(w http.ResponseWriter, r *http.Request) (map[string]any, bool) {
	var raw json.RawMessage
	if !readBody(w, r, &raw) {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil || doc == nil {
		fieldErrors{"": {"The request body must be a JSON object."}}.write(w)
		return nil, false
	}
	return doc, true
}

// jsonString returns doc[key] as a string, "" when absent or not a string.
func jsonString(doc map[string]any, key string) string {
	s, _ := doc[key].(string)
	return s
}

package verify

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The revisions of a signed report are compared as parsed objects with
// pdfcpu, a maintained PDF library with a full object model: it reads each
// revision's cross-reference chain as a viewer does (a later section's free
// entry deletes an object; digitorus/pdf, which signs, keeps the older one),
// keeps indirect references as references, and bounds what it reads. No
// decision here rests on a byte pattern found inside an object.

func init() {
	// pdfcpu would otherwise create a configuration directory in the
	// user's home on first use.
	model.ConfigPath = "disable"
}

// problem is one finding, formatted in the verifier's language later.
type problem struct {
	format string
	args   []any
}

func pf(format string, args ...any) problem { return problem{format, args} }

// revision is one parsed revision of the file: the bytes up to end.
type revision struct {
	end int64
	ctx *model.Context
	err error
}

// parseRevision parses data (a whole file or a revision's prefix of it).
func parseRevision(data []byte) (ctx *model.Context, err error) {
	defer func() {
		if r := recover(); r != nil {
			ctx, err = nil, fmt.Errorf("%v", r)
		}
	}()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	// A report is a few hundred kilobytes; nothing in it needs more.
	conf.Limits.MaxStreamBytes = 32 << 20
	conf.Limits.MaxDecodeBytes = 64 << 20
	conf.Limits.MaxObjectCount = 100000
	ctx, err = pdfcpu.Read(bytes.NewReader(data), conf)
	if err != nil {
		return nil, err
	}
	if ctx.Encrypt != nil {
		return nil, fmt.Errorf("the file is encrypted, which a report never is")
	}
	if _, err := ctx.Catalog(); err != nil {
		return nil, fmt.Errorf("no document catalogue: %v", err)
	}
	return ctx, nil
}

// formSignature is a signature field of the parsed document.
type formSignature struct {
	field     int      // object number of the field
	value     int      // object number of its signature dictionary
	byteRange [4]int64 // as the parsed dictionary says
	offset    int64    // where the signature dictionary's object starts
}

// formSignatures lists the signature fields of the document's AcroForm
// with their signature dictionaries.
func formSignatures(ctx *model.Context) ([]formSignature, []problem) {
	var out []formSignature
	var problems []problem
	root, _ := ctx.Catalog()
	form := deref(ctx, root["AcroForm"])
	fd, _ := form.(types.Dict)
	fields, _ := deref(ctx, fd["Fields"]).(types.Array)
	for _, f := range fields {
		ref, ok := f.(types.IndirectRef)
		if !ok {
			continue
		}
		field, _ := deref(ctx, ref).(types.Dict)
		if name(field["FT"]) != "Sig" {
			continue
		}
		vref, ok := field["V"].(types.IndirectRef)
		if !ok {
			problems = append(problems, pf("signature field %d has no signature dictionary as an indirect object", ref.ObjectNumber.Value()))
			continue
		}
		v, _ := deref(ctx, vref).(types.Dict)
		s := formSignature{field: ref.ObjectNumber.Value(), value: vref.ObjectNumber.Value()}
		br, _ := deref(ctx, v["ByteRange"]).(types.Array)
		if len(br) != 4 {
			problems = append(problems, pf("the signature dictionary %d of field %d has no byte range of four numbers", s.value, s.field))
			continue
		}
		for i := range 4 {
			n, _ := deref(ctx, br[i]).(types.Integer)
			s.byteRange[i] = int64(n)
		}
		if e, ok := ctx.Table[s.value]; ok && e.Offset != nil {
			s.offset = *e.Offset
		}
		out = append(out, s)
	}
	return out, problems
}

// checkForm checks that the signatures found in the bytes are exactly the
// signature fields of the parsed document: a signature dictionary that no
// field names is not one a viewer shows, and a field the scan missed was
// not checked.
func checkForm(final *model.Context, dicts []*sigDict) []problem {
	sigs, problems := formSignatures(final)
	byRange := map[[4]int64]bool{}
	for _, s := range sigs {
		byRange[s.byteRange] = true
	}
	scanned := map[[4]int64]bool{}
	for _, d := range dicts {
		scanned[d.byteRange] = true
		if !byRange[d.byteRange] {
			problems = append(problems, pf("signature %d (byte range %v) is not a signature field of the document's form: a viewer does not show it as a signature of this document", d.n, d.byteRange))
		}
	}
	for _, s := range sigs {
		if !scanned[s.byteRange] {
			problems = append(problems, pf("signature field %d (signature dictionary %d, byte range %v) was not found as a signature value in the file: the signature dictionary is damaged", s.field, s.value, s.byteRange))
		}
	}
	return problems
}

// compareRevision compares a signed revision with the final document,
// object by object. The final document may add only what a signature adds:
// the signature dictionary, its field and widget annotation (with its
// appearance), the form's field list, a DSS dictionary and a document
// timestamp; and a page's annotation list may grow by such widgets. Only a
// widget of a signature made after memberEnd (the member's signed bytes)
// may be visible: the member's own signature adds nothing to the pages.
// what names the revision in the findings.
// prior are the objects that earlier comparisons accounted for (when a
// signed revision is compared with a later one than the next).
func compareRevision(signed, final *model.Context, what string, memberEnd int64, prior map[int]string, t func(string, ...any) string) ([]problem, map[int]string) {
	if t == nil {
		t = fmt.Sprintf
	}
	c := &comparer{old: signed, new: final, what: what, memberEnd: memberEnd, allowed: map[int]string{}, t: t}
	for k, v := range prior {
		c.allowed[k] = v
	}
	c.compare()
	return c.problems, c.allowed
}

type comparer struct {
	old, new  *model.Context
	what      string
	memberEnd int64
	problems  []problem
	// allowed are the new objects a signature accounts for, with what
	// they are.
	allowed map[int]string
	// widgets are the new signature widgets, which a page's /Annots may add.
	widgets map[int]bool
	t       func(string, ...any) string // the verifier's language
}

func (c *comparer) add(format string, args ...any) {
	c.problems = append(c.problems, pf(format, append([]any{c.what}, args...)...))
}

func (c *comparer) compare() {
	oldRoot, newRoot := c.old.Root, c.new.Root
	if oldRoot == nil || newRoot == nil {
		c.add("%s: a revision has no document catalogue")
		return
	}
	c.widgets = map[int]bool{}
	oldCat, _ := c.old.Catalog()
	newCat, _ := c.new.Catalog()
	if newRoot.ObjectNumber != oldRoot.ObjectNumber {
		c.allowNew(newRoot.ObjectNumber.Value(), "document catalogue")
	}
	c.compareCatalog(oldCat, newCat)
	c.compareTrailer()

	oldForm, oldFormRef := c.form(c.old, oldCat)
	newForm, newFormRef := c.form(c.new, newCat)
	if newFormRef != 0 && newFormRef != oldFormRef {
		c.allowNew(newFormRef, "form (AcroForm)")
	}
	c.compareForm(oldForm, newForm)

	// Every object of the signed revision is unchanged in the final one,
	// but for the catalogue and form (compared above) and a page's
	// annotation list.
	for _, nr := range sortedObjects(c.old) {
		if nr == 0 {
			continue
		}
		oe := c.old.Table[nr]
		ne, ok := c.new.Table[nr]
		if !ok || ne.Free || ne.Object == nil {
			c.add("%s deletes object %d (%s)", nr, c.t(kindOf(c.old, oe.Object)))
			continue
		}
		switch {
		case nr == oldRoot.ObjectNumber.Value() && nr == newRoot.ObjectNumber.Value():
			continue // compared as the catalogue
		case nr == oldFormRef && nr == newFormRef:
			continue // compared as the form
		}
		if d := diff(c.old, c.new, oe.Object, ne.Object, ""); d != "" {
			if c.pageAnnotsOnly(nr, oe.Object, ne.Object) {
				continue
			}
			c.add("%s changes object %d (%s): %s", nr, c.t(kindOf(c.old, oe.Object)), d)
		}
	}

	// Every new object is one that a signature accounts for.
	for _, nr := range sortedObjects(c.new) {
		if nr == 0 {
			continue
		}
		if e, ok := c.old.Table[nr]; ok && !e.Free && e.Object != nil {
			continue
		}
		ne := c.new.Table[nr]
		if _, ok := c.allowed[nr]; ok {
			continue
		}
		if isStructural(ne.Object) {
			continue
		}
		c.add("%s adds object %d (%s), which a signature does not need", nr, c.t(kindOf(c.new, ne.Object)))
	}
}

// form returns the AcroForm dictionary and its object number (0: direct or none).
func (c *comparer) form(ctx *model.Context, cat types.Dict) (types.Dict, int) {
	nr := 0
	if r, ok := cat["AcroForm"].(types.IndirectRef); ok {
		nr = r.ObjectNumber.Value()
	}
	d, _ := deref(ctx, cat["AcroForm"]).(types.Dict)
	return d, nr
}

// compareCatalog: the catalogue may change only its form (compared on its
// own), gain a DSS dictionary (the validation data of PAdES) and, as
// signing writes it, the PDF version.
func (c *comparer) compareCatalog(o, n types.Dict) {
	for _, k := range unionKeys(o, n) {
		switch k {
		case "AcroForm":
			continue
		case "Version":
			// A version is a claim about syntax, not about content.
			continue
		case "DSS":
			if _, had := o["DSS"]; !had {
				c.allowReachable(n["DSS"], "DSS (validation data)")
				continue
			}
		}
		if d := diff(c.old, c.new, o[k], n[k], ""); d != "" {
			c.add("%s changes the document catalogue's /%s: %s; a signature changes only the form", k, d)
		}
	}
}

// compareTrailer: the document information and the file's identity stay.
func (c *comparer) compareTrailer() {
	oi, ni := c.old.Info, c.new.Info
	switch {
	case oi == nil && ni == nil:
	case oi == nil || ni == nil || oi.ObjectNumber != ni.ObjectNumber:
		c.add("%s replaces the document information (title, keywords: %v → %v)", refString(oi), refString(ni))
	}
	if c.new.Encrypt != nil && c.old.Encrypt == nil {
		c.add("%s encrypts the document")
	}
}

// compareForm: the field list may grow by signature fields only, and the
// signature flags may be set; nothing else of the form may change.
func (c *comparer) compareForm(o, n types.Dict) {
	if n == nil {
		if o != nil {
			c.add("%s removes the form (AcroForm) and with it the signature fields")
		}
		return
	}
	for _, k := range unionKeys(o, n) {
		switch k {
		case "Fields", "SigFlags":
			continue
		}
		if d := diff(c.old, c.new, o[k], n[k], ""); d != "" {
			c.add("%s changes the form's /%s: %s; a signature adds only its field", k, d)
		}
	}
	var oldFields types.Array
	if o != nil {
		oldFields, _ = deref(c.old, o["Fields"]).(types.Array)
	}
	newFields, _ := deref(c.new, n["Fields"]).(types.Array)
	kept := map[int]bool{}
	for _, f := range newFields {
		if r, ok := f.(types.IndirectRef); ok {
			kept[r.ObjectNumber.Value()] = true
		}
	}
	had := map[int]bool{}
	for _, f := range oldFields {
		r, ok := f.(types.IndirectRef)
		if !ok {
			continue
		}
		had[r.ObjectNumber.Value()] = true
		if !kept[r.ObjectNumber.Value()] {
			c.add("%s removes field %d from the form", r.ObjectNumber.Value())
		}
	}
	for _, f := range newFields {
		r, ok := f.(types.IndirectRef)
		if !ok {
			c.add("%s adds a form field that is not an indirect object: %v", f)
			continue
		}
		nr := r.ObjectNumber.Value()
		if had[nr] {
			continue
		}
		c.allowSignatureField(nr)
	}
}

// allowSignatureField accounts for a new form field: it must be a new
// signature field whose value is a new signature (or document timestamp)
// dictionary; its widget's appearance may bring its own resources.
func (c *comparer) allowSignatureField(nr int) {
	if e, ok := c.old.Table[nr]; ok && !e.Free && e.Object != nil {
		return // an old object: compared as such
	}
	field, _ := objectOf(c.new, nr).(types.Dict)
	if field == nil || name(field["FT"]) != "Sig" {
		c.add("%s adds form field %d (%s), which is not a signature field", nr, c.t(kindOf(c.new, objectOf(c.new, nr))))
		return
	}
	c.allowNew(nr, "signature field")
	vref, ok := field["V"].(types.IndirectRef)
	if !ok {
		c.add("%s adds signature field %d without a signature dictionary", nr)
		return
	}
	v, _ := deref(c.new, vref).(types.Dict)
	switch t := name(v["Type"]); {
	case v == nil:
		c.add("%s adds signature field %d whose value %d is not a dictionary", nr, vref.ObjectNumber.Value())
		return
	case t != "Sig" && t != "DocTimeStamp":
		c.add("%s adds signature field %d whose value %d is of /Type %q, not a signature", nr, vref.ObjectNumber.Value(), t)
		return
	case v["ByteRange"] == nil || v["Contents"] == nil:
		c.add("%s adds signature field %d whose value %d has no /ByteRange or /Contents", nr, vref.ObjectNumber.Value())
		return
	}
	// The signature dictionary holds only direct values but for its
	// byte range and contents; nothing else may hide behind it.
	c.allowNew(vref.ObjectNumber.Value(), "signature dictionary")
	sigEnd := int64(0)
	if br, ok := deref(c.new, v["ByteRange"]).(types.Array); ok && len(br) == 4 {
		a, _ := deref(c.new, br[2]).(types.Integer)
		b, _ := deref(c.new, br[3]).(types.Integer)
		sigEnd = int64(a) + int64(b)
	}
	widgets := []int{}
	if name(field["Subtype"]) == "Widget" {
		widgets = append(widgets, nr)
	}
	if kids, ok := deref(c.new, field["Kids"]).(types.Array); ok {
		for _, k := range kids {
			if r, ok := k.(types.IndirectRef); ok {
				widgets = append(widgets, r.ObjectNumber.Value())
			}
		}
	}
	for _, w := range widgets {
		wd, _ := objectOf(c.new, w).(types.Dict)
		if wd == nil || name(wd["Subtype"]) != "Widget" {
			c.add("%s adds signature field %d with kid %d, which is not a widget annotation", nr, w)
			continue
		}
		if e, ok := c.old.Table[w]; ok && !e.Free && e.Object != nil {
			c.add("%s makes the existing object %d the widget of signature field %d", w, nr)
			continue
		}
		c.allowNew(w, "signature widget")
		c.widgets[w] = true
		if visible(c.new, wd) && sigEnd <= c.memberEnd {
			c.add("%s adds a visible widget (object %d) for the member's own signature: the member's signature adds nothing to the pages", w)
		}
		c.allowReachable(wd["AP"], "signature appearance")
	}
}

// visible says whether a widget shows anything: a non-empty rectangle and
// not hidden (annotation flags bit 2).
func visible(ctx *model.Context, w types.Dict) bool {
	if f, ok := deref(ctx, w["F"]).(types.Integer); ok && int(f)&2 != 0 {
		return false
	}
	r, ok := deref(ctx, w["Rect"]).(types.Array)
	if !ok || len(r) != 4 {
		return false
	}
	v := make([]float64, 4)
	for i := range 4 {
		v[i] = number(deref(ctx, r[i]))
	}
	return math.Abs(v[2]-v[0]) >= 1 && math.Abs(v[3]-v[1]) >= 1
}

// allowNew marks a new object as accounted for.
func (c *comparer) allowNew(nr int, what string) {
	if e, ok := c.old.Table[nr]; ok && !e.Free && e.Object != nil {
		return
	}
	if _, ok := c.allowed[nr]; !ok {
		c.allowed[nr] = what
	}
}

// allowReachable accounts for the new objects reachable from o (an
// appearance and its resources, the DSS and its streams); old objects are
// left to the object-by-object comparison.
func (c *comparer) allowReachable(o types.Object, what string) {
	var walk func(o types.Object, depth int)
	walk = func(o types.Object, depth int) {
		if depth > 64 {
			return
		}
		switch v := o.(type) {
		case types.IndirectRef:
			nr := v.ObjectNumber.Value()
			if e, ok := c.old.Table[nr]; ok && !e.Free && e.Object != nil {
				return
			}
			if _, seen := c.allowed[nr]; seen {
				return
			}
			c.allowed[nr] = what
			walk(objectOf(c.new, nr), depth+1)
		case types.Dict:
			for _, k := range sortedKeys(v) {
				walk(v[k], depth+1)
			}
		case types.StreamDict:
			walk(v.Dict, depth+1)
		case *types.StreamDict:
			walk(v.Dict, depth+1)
		case types.Array:
			for _, e := range v {
				walk(e, depth+1)
			}
		}
	}
	walk(o, 0)
}

// pageAnnotsOnly says whether a changed object is a page whose only change
// is new signature widgets appended to its /Annots: the visible approval.
func (c *comparer) pageAnnotsOnly(nr int, o, n types.Object) bool {
	od, ok1 := o.(types.Dict)
	nd, ok2 := n.(types.Dict)
	if !ok1 || !ok2 || name(od["Type"]) != "Page" || name(nd["Type"]) != "Page" {
		return false
	}
	for _, k := range unionKeys(od, nd) {
		if k != "Annots" && diff(c.old, c.new, od[k], nd[k], "") != "" {
			return false
		}
	}
	// Direct arrays only: an indirect one would be an object of its own.
	oa, _ := od["Annots"].(types.Array)
	na, ok := nd["Annots"].(types.Array)
	if !ok || len(na) <= len(oa) {
		return false
	}
	for i := range oa {
		if diff(c.old, c.new, oa[i], na[i], "") != "" {
			return false
		}
	}
	for _, a := range na[len(oa):] {
		r, ok := a.(types.IndirectRef)
		if !ok || !c.widgets[r.ObjectNumber.Value()] {
			c.add("%s adds annotation %v to page object %d, which is not the widget of a new signature", a, nr)
			return true
		}
		if wd, _ := objectOf(c.new, r.ObjectNumber.Value()).(types.Dict); wd != nil {
			if p, ok := wd["P"].(types.IndirectRef); ok && p.ObjectNumber.Value() != nr {
				c.add("%s adds widget %d to page object %d, but the widget names page object %d", r.ObjectNumber.Value(), nr, p.ObjectNumber.Value())
			}
		}
	}
	return true
}

// isStructural says whether a new object is part of the file's structure
// rather than its content: a cross-reference stream or an object stream
// (whose objects are compared one by one in their own right).
func isStructural(o types.Object) bool {
	var d types.Dict
	switch v := o.(type) {
	case types.StreamDict:
		d = v.Dict
	case *types.StreamDict:
		d = v.Dict
	case types.ObjectStreamDict:
		return true
	case *types.ObjectStreamDict:
		return true
	case types.XRefStreamDict:
		return true
	case *types.XRefStreamDict:
		return true
	default:
		return false
	}
	t := name(d["Type"])
	return t == "XRef" || t == "ObjStm"
}

func objectOf(ctx *model.Context, nr int) types.Object {
	e, ok := ctx.Table[nr]
	if !ok || e.Free {
		return nil
	}
	return e.Object
}

func deref(ctx *model.Context, o types.Object) types.Object {
	for range 32 {
		r, ok := o.(types.IndirectRef)
		if !ok {
			return o
		}
		o = objectOf(ctx, r.ObjectNumber.Value())
	}
	return nil
}

func name(o types.Object) string {
	switch v := o.(type) {
	case types.Name:
		return string(v)
	case *types.Name:
		return string(*v)
	}
	return ""
}

func number(o types.Object) float64 {
	switch v := o.(type) {
	case types.Integer:
		return float64(v)
	case types.Float:
		return float64(v)
	}
	return math.NaN()
}

func refString(r *types.IndirectRef) string {
	if r == nil {
		return "none"
	}
	return r.String()
}

// kindOf names an object for a person, from its parsed dictionary.
func kindOf(ctx *model.Context, o types.Object) string {
	var d types.Dict
	stream := false
	switch v := o.(type) {
	case types.Dict:
		d = v
	case types.StreamDict:
		d, stream = v.Dict, true
	case *types.StreamDict:
		d, stream = v.Dict, true
	case types.Array:
		return "an array"
	case nil:
		return "nothing"
	default:
		return "a " + fmt.Sprintf("%T", o)[len("types."):]
	}
	t, st := name(d["Type"]), name(d["Subtype"])
	switch {
	case t == "Catalog":
		return "a document catalogue"
	case t == "Pages":
		return "a page tree"
	case t == "Page":
		return "a page"
	case t == "Font" || t == "FontDescriptor":
		return "a font"
	case t == "EmbeddedFile", t == "Filespec":
		return "an attachment"
	case t == "Annot" || st == "Widget":
		return "an annotation"
	case t == "XObject" || st == "Form" || st == "Image":
		return "an image or form XObject"
	case t == "Sig":
		return "a signature dictionary"
	case stream:
		return "a content stream"
	}
	return "a dictionary"
}

// diff compares two objects of the two revisions: "" when they are the
// same, else what differs. References are compared as references (the
// objects they name are compared on their own), strings by their bytes
// whatever their notation, numbers by value.
func diff(octx, nctx *model.Context, o, n types.Object, path string) string {
	show := func(x types.Object) string {
		if x == nil {
			return "nothing"
		}
		s := x.PDFString()
		if len(s) > 60 {
			s = s[:57] + "…"
		}
		return s
	}
	at := func() string {
		if path == "" {
			return ""
		}
		return path + ": "
	}
	// A reference and a direct value are the same when the referenced
	// object is that value (signing may write a page's resources inline);
	// the direct side is a finite tree, so this ends.
	or, oRef := o.(types.IndirectRef)
	nr, nRef := n.(types.IndirectRef)
	switch {
	case oRef && !nRef && n != nil:
		return diff(octx, nctx, deref(octx, or), n, path)
	case nRef && !oRef && o != nil:
		return diff(octx, nctx, o, deref(nctx, nr), path)
	}
	switch ov := o.(type) {
	case nil:
		if n == nil {
			return ""
		}
	case types.IndirectRef:
		if nv, ok := n.(types.IndirectRef); ok && nv.ObjectNumber == ov.ObjectNumber && nv.GenerationNumber == ov.GenerationNumber {
			return ""
		}
	case types.Integer, types.Float:
		if nb := number(n); !math.IsNaN(nb) && nb == number(o) {
			return ""
		}
	case types.Name, types.Boolean:
		if n != nil && fmt.Sprintf("%T", n) == fmt.Sprintf("%T", o) && n.PDFString() == o.PDFString() {
			return ""
		}
	case types.StringLiteral, types.HexLiteral:
		if a, b, ok := stringBytes(o), stringBytes(n), isString(n); ok && bytes.Equal(a, b) {
			return ""
		}
	case types.Array:
		nv, ok := n.(types.Array)
		if !ok {
			break
		}
		if len(nv) != len(ov) {
			return fmt.Sprintf("%s%d entries became %d", at(), len(ov), len(nv))
		}
		for i := range ov {
			if d := diff(octx, nctx, ov[i], nv[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
				return d
			}
		}
		return ""
	case types.Dict:
		nv, ok := n.(types.Dict)
		if !ok {
			break
		}
		return diffDict(octx, nctx, ov, nv, path)
	case types.StreamDict:
		return diffStream(octx, nctx, &ov, n, path)
	case *types.StreamDict:
		return diffStream(octx, nctx, ov, n, path)
	case types.ObjectStreamDict:
		if _, ok := n.(types.ObjectStreamDict); ok {
			return "" // its objects are compared one by one
		}
	case *types.ObjectStreamDict:
		if _, ok := n.(*types.ObjectStreamDict); ok {
			return ""
		}
	case types.XRefStreamDict, *types.XRefStreamDict:
		return "" // the file's structure, not its content
	default:
		if n != nil && fmt.Sprintf("%T", n) == fmt.Sprintf("%T", o) && n.PDFString() == o.PDFString() {
			return ""
		}
	}
	return fmt.Sprintf("%s%s became %s", at(), show(o), show(n))
}

func diffDict(octx, nctx *model.Context, o, n types.Dict, path string) string {
	for _, k := range unionKeys(o, n) {
		if d := diff(octx, nctx, o[k], n[k], path+"/"+k); d != "" {
			return d
		}
	}
	return ""
}

func diffStream(octx, nctx *model.Context, o *types.StreamDict, n types.Object, path string) string {
	var nv *types.StreamDict
	switch v := n.(type) {
	case types.StreamDict:
		nv = &v
	case *types.StreamDict:
		nv = v
	default:
		return fmt.Sprintf("%sa stream became %s", pathPrefix(path), kindOf(nctx, n))
	}
	if d := diffDict(octx, nctx, o.Dict, nv.Dict, path); d != "" {
		return d
	}
	a, b := o.Raw, nv.Raw
	if a == nil && b == nil {
		a, b = o.Content, nv.Content
	}
	if !bytes.Equal(a, b) {
		return fmt.Sprintf("%sthe stream's content changed (%d bytes became %d)", pathPrefix(path), len(a), len(b))
	}
	return ""
}

func pathPrefix(p string) string {
	if p == "" {
		return ""
	}
	return p + ": "
}

func isString(o types.Object) bool {
	switch o.(type) {
	case types.StringLiteral, types.HexLiteral:
		return true
	}
	return false
}

func stringBytes(o types.Object) []byte {
	switch v := o.(type) {
	case types.StringLiteral:
		b, err := types.Unescape(string(v))
		if err != nil {
			return []byte(v)
		}
		return b
	case types.HexLiteral:
		b, err := v.Bytes()
		if err != nil {
			return []byte(v)
		}
		return b
	}
	return nil
}

func unionKeys(a, b types.Dict) []string {
	seen := map[string]bool{}
	for k := range a {
		seen[k] = true
	}
	for k := range b {
		seen[k] = true
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedKeys(d types.Dict) []string {
	return unionKeys(d, nil)
}

func sortedObjects(ctx *model.Context) []int {
	out := make([]int, 0, len(ctx.Table))
	for nr, e := range ctx.Table {
		if e == nil || e.Free || e.Object == nil {
			continue
		}
		out = append(out, nr)
	}
	sort.Ints(out)
	return out
}

// revisionEnds returns where each revision of data ends: after each
// "%%EOF" marker and its end of line. A marker inside a stream is no
// revision; parsing such a prefix fails, and the caller names that.
func revisionEnds(data []byte) []int64 {
	var out []int64
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("%%EOF"))
		if j < 0 {
			return out
		}
		end := i + j + len("%%EOF")
		for end < len(data) && (data[end] == '\r' || data[end] == '\n') {
			end++
		}
		out = append(out, int64(end))
		i = end
	}
}

// joinPath is for the tests' benefit: a readable list of findings.
func joinProblems(ps []problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, p.format+"\n", p.args...)
	}
	return b.String()
}

// revisions are the parsed revisions of a signed file: the report as
// rendered (before the member's signature), each signed revision, and the
// whole file.
type revisions struct {
	base  int64 // where the report before the member's signature ends
	final *model.Context
}

// checkRevisions parses the report before the member's signature, every
// signed revision and the final document, and compares each with the next
// and each with the final document: every update may add only what a
// signature adds. The final document is parsed already.
func checkRevisions(data []byte, final *model.Context, dicts []*sigDict, t func(string, ...any) string) (base int64, problems []problem) {
	// A structure the comparison does not expect is a finding, never a crash.
	defer func() {
		if r := recover(); r != nil {
			problems = append(problems, pf("the revisions of the file cannot be compared (%v): the file is damaged", r))
		}
	}()
	ordered := byCoverage(dicts)
	first := ordered[0]
	// The report as rendered is the file's first revision: every later
	// one must be a signature's (a revision between the two is compared
	// as part of the member's update, and so refused).
	// A "%%EOF" inside a string of the report is no revision's end: the
	// first end whose prefix parses is (and the rendering check requires
	// it to be the rendered report's).
	var baseCtx *model.Context
	var baseErr error
	for _, e := range revisionEnds(data) {
		if e > int64(first.start) {
			break
		}
		ctx, err := parseRevision(data[:e])
		if err == nil {
			base, baseCtx = e, ctx
			break
		}
		if baseErr == nil {
			baseErr = err
		}
	}
	if base == 0 {
		if baseErr != nil {
			return 0, []problem{pf("the report before the member's signature cannot be read as a PDF (%v): the file was changed", baseErr)}
		}
		return 0, []problem{pf("there is no complete report before the member's signature (no %%%%EOF before byte %d): the file was not made by signing a report", first.start)}
	}
	type rev struct {
		end  int64
		name string // the update that ends here
		ctx  *model.Context
	}
	revs := []rev{{end: base, ctx: baseCtx}}
	for i, d := range ordered {
		end := d.covered()
		if end <= revs[len(revs)-1].end || end > int64(len(data)) {
			continue // malformed or out of order: reported by the coverage check
		}
		name := t("the member's signature update")
		if i > 0 {
			name = t("the update after signature %d", ordered[i-1].n)
		}
		revs = append(revs, rev{end: end, name: name})
	}
	if last := revs[len(revs)-1].end; last < int64(len(data)) {
		revs = append(revs, rev{end: int64(len(data)), name: t("the bytes appended after the last signature")})
	}
	for i := range revs {
		if revs[i].ctx != nil {
			continue
		}
		if revs[i].end == int64(len(data)) {
			revs[i].ctx = final
			continue
		}
		ctx, err := parseRevision(data[:revs[i].end])
		if err != nil {
			what := t("the report before the member's signature")
			if i > 0 {
				what = t("the revision that %s ends", revs[i].name)
			}
			problems = append(problems, pf("%s (bytes 0–%d) cannot be read as a PDF (%v): the file was changed", what, revs[i].end, err))
			return base, problems
		}
		revs[i].ctx = ctx
	}
	memberEnd := first.covered()
	accounted := map[int]string{}
	for i := 0; i+1 < len(revs); i++ {
		ps, allowed := compareRevision(revs[i].ctx, revs[i+1].ctx, revs[i+1].name, memberEnd, nil, t)
		problems = append(problems, ps...)
		for k, v := range allowed {
			accounted[k] = v
		}
	}
	// Each signed revision against the final document, as a viewer shows
	// it: with every step found right, this finds nothing more, and it
	// holds without relying on that reasoning.
	if len(problems) == 0 {
		for i := 0; i+2 < len(revs); i++ {
			what := t("the document as shown, compared with the revision that %s ends,", revs[i].name)
			if i == 0 {
				what = t("the document as shown, compared with the report before the member's signature,")
			}
			ps, _ := compareRevision(revs[i].ctx, final, what, memberEnd, accounted, t)
			problems = append(problems, ps...)
		}
	}
	return base, problems
}

// Package base holds what every probe shares: the evidence fields of a
// result (target, time, hash, status, error), the size cap and a scanner
// that refuses hostile XML before any parser sees it.
package base

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// Status values of a probe result.
const (
	OK    = "ok"
	Error = "error"
)

// MaxBody is the largest document a probe reads (file or HTTP body).
const MaxBody = 10 << 20

// MaxXMLDepth bounds element nesting; real metadata nests about 10 deep.
const MaxXMLDepth = 64

// MaxXMLElements bounds the elements of one document (a national
// federation's aggregate has about 300,000) and MaxXMLAttr one attribute
// value (a certificate is a few KB).
const (
	MaxXMLElements = 1_000_000
	MaxXMLAttr     = 256 << 10
)

// Meta is the evidence every probe result carries.
type Meta struct {
	Kind      string `json:"kind"`
	Target    string `json:"target"`
	FetchedAt string `json:"fetched_at"`
	SHA256    string `json:"sha256"`
	Status    string `json:"status"`
	Error     string `json:"error"`
	// ErrorClass classifies a failed probe (Classify): name_not_found,
	// connection_refused, timeout, tls_handshake, http_status, too_large,
	// refused_private, file or invalid.
	ErrorClass string `json:"error_class,omitempty"`
}

// NewMeta starts the evidence of a probe of target at time at.
func NewMeta(kind, target string, at time.Time) Meta {
	return Meta{Kind: kind, Target: target, FetchedAt: at.UTC().Format(time.RFC3339), Status: OK}
}

// Fail marks the result as failed with a reason; a failed probe is never a pass.
func (m *Meta) Fail(err error) {
	m.Status = Error
	m.Error = err.Error()
	m.ErrorClass = Classify(err)
}

// Hash records the SHA-256 of what was fetched.
func (m *Meta) Hash(b []byte) {
	s := sha256.Sum256(b)
	m.SHA256 = hex.EncodeToString(s[:])
}

// ErrTooLarge is returned when a document exceeds MaxBody.
var ErrTooLarge = fmt.Errorf("larger than the %d MiB limit", MaxBody>>20)

// ReadCapped reads r up to limit bytes and fails beyond it, so a hostile
// 100 MB answer is refused after 10 MiB instead of filling memory.
func ReadCapped(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return b, err
	}
	if int64(len(b)) > limit {
		return nil, ErrTooLarge
	}
	return b, nil
}

// DaysLeft is the number of whole days from now until t (negative when t
// is past), the same floor rule as lib.days_until in the catalogue.
func DaysLeft(t, now time.Time) int {
	return int(math.Floor(t.Sub(now).Hours() / 24))
}

// CheckXML refuses XML that a metadata or response document never needs and
// an attacker uses: any DTD (<!DOCTYPE, so no entity expansion), nesting
// deeper than MaxXMLDepth, and anything that is not well-formed. It reads
// tokens only, so it is safe to run before a full parse.
func CheckXML(b []byte) error {
	d := NewXMLDecoder(bytes.NewReader(b))
	depth, root, elements := 0, false, 0
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			return fmt.Errorf("not well-formed XML (line %d): %v", line, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			line, _ := d.InputPos()
			if bytes.HasPrefix(bytes.TrimSpace(t), []byte("DOCTYPE")) {
				return fmt.Errorf("line %d: the document has a DTD (<!DOCTYPE …>); SAML documents never need one and DTDs allow entity-expansion attacks, so it is refused", line)
			}
			return fmt.Errorf("line %d: XML directive <!%s> refused", line, firstWord(t))
		case xml.StartElement:
			if depth == 0 {
				if root {
					return errors.New("not well-formed XML: more than one root element")
				}
				root = true
			}
			depth++
			elements++
			if depth > MaxXMLDepth {
				line, _ := d.InputPos()
				return fmt.Errorf("line %d: elements nest deeper than %d levels; refused", line, MaxXMLDepth)
			}
			if elements > MaxXMLElements {
				return fmt.Errorf("more than %d elements; refused", MaxXMLElements)
			}
			for _, a := range t.Attr {
				if len(a.Value) > MaxXMLAttr {
					line, _ := d.InputPos()
					return fmt.Errorf("line %d: the attribute %s is longer than %d bytes; refused", line, a.Name.Local, MaxXMLAttr)
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if !root {
		return errors.New("not XML: no root element")
	}
	if depth != 0 {
		return errors.New("not well-formed XML: unclosed elements at the end of the document")
	}
	return nil
}

func firstWord(b []byte) string {
	b = bytes.TrimSpace(b)
	if i := bytes.IndexAny(b, " \t\r\n"); i > 0 {
		b = b[:i]
	}
	if len(b) > 20 {
		b = b[:20]
	}
	return string(b)
}

// StripBOM removes a UTF-8 byte-order mark (Entra ID metadata has one).
func StripBOM(b []byte) []byte {
	return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
}

// NewXMLDecoder is an encoding/xml decoder that also reads ISO-8859-1 and
// US-ASCII documents (older metadata generators declare them).
func NewXMLDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.CharsetReader = charsetReader
	return d
}

func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "latin1", "iso_8859-1", "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(in), nil
	case "us-ascii", "ascii":
		return in, nil
	}
	return nil, fmt.Errorf("unsupported XML encoding %q: save the document as UTF-8", label)
}

package verify

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf16"

	"github.com/digitorus/pdf"
)

// content is what the parsed PDF holds for verification: its keywords and
// its embedded files by name.
type content struct {
	keywords string
	files    map[string][]byte
}

// maxAttachment bounds an embedded file, so that a crafted report cannot
// exhaust memory (a full audit's files are a few tens of kilobytes).
const maxAttachment = 16 << 20

// readContent parses the PDF (its latest revision, as a reader shows it).
func readContent(data []byte) (c *content, err error) {
	// The PDF reader panics on damaged structure.
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("%v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	c = &content{files: map[string][]byte{}}
	c.keywords = text(r.Trailer().Key("Info").Key("Keywords"))
	names := r.Trailer().Key("Root").Key("Names").Key("EmbeddedFiles").Key("Names")
	for i := 0; i+1 < names.Len(); i += 2 {
		spec := names.Index(i + 1)
		name := text(spec.Key("UF"))
		if name == "" {
			name = text(spec.Key("F"))
		}
		if _, dup := c.files[name]; dup {
			return nil, fmt.Errorf("two embedded files are named %q", name)
		}
		rc := spec.Key("EF").Key("F").Reader()
		b, err := io.ReadAll(io.LimitReader(rc, maxAttachment+1))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("the embedded file %q cannot be read: %v", name, err)
		}
		if len(b) > maxAttachment {
			return nil, fmt.Errorf("the embedded file %q is over %d bytes", name, maxAttachment)
		}
		c.files[name] = b
	}
	return c, nil
}

// text decodes a PDF text string: UTF-16 with a byte-order mark, or
// PDFDocEncoding.
func text(v pdf.Value) string {
	raw := v.RawString()
	if len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
		u := make([]uint16, 0, len(raw)/2)
		for i := 2; i+1 < len(raw); i += 2 {
			u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
		}
		return string(utf16.Decode(u))
	}
	return v.Text()
}

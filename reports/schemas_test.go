package reports

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaFile is the path of a consumer's published schema (junit-10.xsd,
// the OASIS SARIF 2.1.0 and NIST OSCAL 1.1.2 JSON schemas). They are public
// documents of other projects, so the repository does not carry copies:
// they are read from ../shared/schemas (or $MPASSAUDIT_SCHEMAS), and a test
// without them says so and validates only what it can.
func schemaFile(name string) string {
	dirs := []string{os.Getenv("MPASSAUDIT_SCHEMAS"), filepath.Join("..", "..", "shared", "schemas")}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		p := filepath.Join(d, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// needSchema skips a test that is about the schema itself.
func needSchema(t *testing.T, name string) string {
	t.Helper()
	p := schemaFile(name)
	if p == "" {
		t.Skipf("%s is not in ../shared/schemas (nor $MPASSAUDIT_SCHEMAS): not validated", name)
	}
	return p
}

// jsonSchema compiles a consumer's JSON schema (schemaFile name, its $id),
// with formats asserted; nil when the file is not here.
func jsonSchema(name, id string) func() (*jsonschema.Schema, error) {
	return sync.OnceValues(func() (*jsonschema.Schema, error) {
		path := schemaFile(name)
		if path == "" {
			return nil, nil
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			return nil, err
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		if err := c.AddResource(id, doc); err != nil {
			return nil, err
		}
		return c.Compile(id)
	})
}

// schemaErrors validates doc against a schema of jsonSchema; nothing when
// the schema is not here. label names the schema in the errors.
func schemaErrors(schema func() (*jsonschema.Schema, error), label string, doc []byte) []error {
	sch, err := schema()
	if err != nil {
		return []error{fmt.Errorf("loading %s: %w", label, err)}
	}
	if sch == nil {
		return nil
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return []error{fmt.Errorf("not JSON: %w", err)}
	}
	if err := sch.Validate(inst); err != nil {
		return []error{fmt.Errorf("%s: %v", label, err)}
	}
	return nil
}

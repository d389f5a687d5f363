package reports

import (
	"os"
	"path/filepath"
	"testing"
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

package audit_test

import (
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/probe/samlmd"
)

func parseMetadata(t *testing.T, doc string) *samlmd.Result {
	t.Helper()
	r := samlmd.Parse([]byte(doc), now, samlmd.Options{})
	if r.Status != "ok" {
		t.Fatal(r.Error)
	}
	return r
}

package registry_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/mpassaudit/mpassaudit/internal/registry"
	rt "github.com/mpassaudit/mpassaudit/internal/registry/registrytest"
)

func TestIdentifiersOf(t *testing.T) {
	probes := `{
		"saml.metadata": {"status": "ok", "entity_id": "https://sp.example.fi/sp"},
		"saml.registered_metadata": {"status": "ok", "entity_id": "https://sp.example.fi/sp"},
		"registry.federation_metadata": {"status": "error", "entity_id": "https://failed.example.fi/"},
		"oidc.registration": [{"status": "ok", "client_id": "client-1"}],
		"tls": {"sp.example.fi:443": {"status": "ok", "entity_id": "not an identifier"}}
	}`
	got := registry.IdentifiersOf([]byte(probes))
	want := []registry.Identifier{{Kind: registry.ClientID, Value: "client-1"}, {Kind: registry.EntityID, Value: "https://sp.example.fi/sp"}}
	if !slices.Equal(got, want) {
		t.Errorf("identifiers %v, want %v", got, want)
	}
	for _, bad := range []string{"", "not json", "[]", `{"x": 1}`} {
		if ids := registry.IdentifiersOf([]byte(bad)); len(ids) != 0 {
			t.Errorf("%q: %v", bad, ids)
		}
	}
}

// Two members naming the same entityID collide; a member's older report
// does not count once its newer one stops naming the identifier.
func TestCollisions(t *testing.T) {
	db := open(t, "")
	ctx := context.Background()
	entry := func(name, bid, day string, ids ...registry.Identifier) registry.Entry {
		e := rt.Entry(rt.Report(name, bid, date(day), nil), nil)
		e.Identifiers = ids
		return e
	}
	shared := registry.Identifier{Kind: registry.EntityID, Value: "https://shared.example.fi/sp"}
	client := registry.Identifier{Kind: registry.ClientID, Value: "c1"}
	a, b, c := rt.BusinessID(100), rt.BusinessID(200), rt.BusinessID(300)
	if _, err := db.Add(ctx,
		entry("A", a, "2026-01-10", shared, client),
		entry("B", b, "2026-02-10", shared),
		entry("C", c, "2026-03-10", client),
		entry("C", c, "2026-04-10"), // C's newer report no longer names c1
	); err != nil {
		t.Fatal(err)
	}
	got, err := db.Collisions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Identifier != shared || len(got[0].Holders) != 2 || got[0].Holders[0].Member != a || got[0].Holders[1].Member != b {
		t.Fatalf("collisions %v", got)
	}
	if mine, _ := db.CollisionsOf(ctx, c); len(mine) != 0 {
		t.Errorf("C: %v", mine)
	}
	if mine, _ := db.CollisionsOf(ctx, b); len(mine) != 1 {
		t.Errorf("B: %v", mine)
	}
	if s := got[0].String(); !strings.HasPrefix(s, "entity-id https://shared.example.fi/sp: A ("+a+", report ") || !strings.Contains(s, "; B ("+b+", report ") {
		t.Errorf("String %q", s)
	}
}

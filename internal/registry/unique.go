package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Identifier kinds: the MPASSid management service keeps SAML entityIDs
// and OIDC client IDs unique across all integrations.
const (
	EntityID = "entity-id"
	ClientID = "client-id"
)

// Identifier is an entityID or client ID a report names.
type Identifier struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// IdentifiersOf reads the identifiers from a report's embedded probe
// results (input.probes): the entity_id of every metadata result and the
// client_id of every client-registration result, wherever it sits (one
// result per answer path, or a list of them). A report judged without
// probes names none.
func IdentifiersOf(probesJSON []byte) []Identifier {
	var probes map[string]any
	if len(probesJSON) == 0 || json.Unmarshal(probesJSON, &probes) != nil {
		return nil
	}
	seen := map[Identifier]bool{}
	var out []Identifier
	add := func(kind string, v any) {
		s, _ := v.(string)
		if s = strings.TrimSpace(s); s == "" {
			return
		}
		id := Identifier{kind, s}
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	var visit func(v any)
	visit = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e)
			}
		case map[string]any:
			if x["status"] != "ok" {
				return
			}
			add(EntityID, x["entity_id"])
			add(ClientID, x["client_id"])
		}
	}
	for path, v := range probes {
		if path != "tls" {
			visit(v)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].Value < out[j].Value
	})
	return out
}

// Holder is a member whose latest registered report names an identifier.
type Holder struct {
	Member string // registry member key
	Name   string
	Report string // report id
}

// Collision is an identifier named by the latest reports of more than one member.
type Collision struct {
	Identifier
	Holders []Holder
}

func (c Collision) String() string {
	names := make([]string, len(c.Holders))
	for i, h := range c.Holders {
		names[i] = fmt.Sprintf("%s (%s, report %.12s)", h.Name, h.Member, h.Report)
	}
	return fmt.Sprintf("%s %s: %s", c.Kind, c.Value, strings.Join(names, "; "))
}

// Collisions lists every entityID and client ID that the latest reports of
// two or more members name. Only each member's latest report counts: an
// identifier handed over from one member to another is no collision once
// the old holder's newer report no longer names it.
func (d *DB) Collisions(ctx context.Context) ([]Collision, error) {
	rows, err := d.db.QueryContext(ctx, `
		WITH latest AS (
			SELECT r.member, r.id FROM reports r
			WHERE r.generated_at = (SELECT MAX(generated_at) FROM reports WHERE member = r.member)
		)
		SELECT i.kind, i.value, l.member, m.name, l.id
		FROM identifiers i JOIN latest l ON l.id = i.report_id JOIN members m ON m.member = l.member
		WHERE (i.kind, i.value) IN (
			SELECT i2.kind, i2.value FROM identifiers i2 JOIN latest l2 ON l2.id = i2.report_id
			GROUP BY i2.kind, i2.value HAVING COUNT(DISTINCT l2.member) > 1)
		ORDER BY i.kind, i.value, l.member`)
	if err != nil {
		return nil, fmt.Errorf("registry %s: reading identifiers: %w", d.Path, err)
	}
	defer rows.Close()
	var out []Collision
	for rows.Next() {
		var id Identifier
		var h Holder
		if err := rows.Scan(&id.Kind, &id.Value, &h.Member, &h.Name, &h.Report); err != nil {
			return nil, err
		}
		if n := len(out); n > 0 && out[n-1].Identifier == id {
			// Two reports of one member with the same generated_at both count once.
			if last := out[n-1].Holders; last[len(last)-1].Member != h.Member {
				out[n-1].Holders = append(out[n-1].Holders, h)
			}
			continue
		}
		out = append(out, Collision{Identifier: id, Holders: []Holder{h}})
	}
	return out, rows.Err()
}

// CollisionsOf are the collisions that involve member.
func (d *DB) CollisionsOf(ctx context.Context, member string) ([]Collision, error) {
	all, err := d.Collisions(ctx)
	if err != nil {
		return nil, err
	}
	var out []Collision
	for _, c := range all {
		for _, h := range c.Holders {
			if h.Member == member {
				out = append(out, c)
				break
			}
		}
	}
	return out, nil
}

// Package intake takes signed reports into the registry: a report is
// registered only after it verifies (signatures, integrity, embedded JSON and
// answers, re-evaluation). The registry itself only stores and queries.
package intake

import (
	"context"
	"fmt"
	"strings"

	"github.com/mpassaudit/mpassaudit/internal/registry"
	"github.com/mpassaudit/mpassaudit/reports/signing"
	"github.com/mpassaudit/mpassaudit/reports/verify"
)

// UnverifiedError is a report that did not verify: it is not registered.
type UnverifiedError struct {
	Path     string
	Problems []string
}

func (e *UnverifiedError) Error() string {
	return fmt.Sprintf("%s does not verify, not registered:\n  - %s\n(see: mpassaudit verify %s)", e.Path, strings.Join(e.Problems, "\n  - "), e.Path)
}

// AddPDF verifies a signed PDF report (signatures, integrity, embedded JSON
// and answers, re-evaluation) and registers it only when it verifies.
func AddPDF(ctx context.Context, db *registry.DB, path string, opts verify.Options) (registry.Added, *verify.Outcome, error) {
	o, err := verify.File(ctx, path, opts)
	if err != nil {
		return registry.Added{}, nil, fmt.Errorf("%s: %w", path, err)
	}
	if !o.OK || o.Report == nil || len(o.ReportJSON) == 0 {
		problems := o.Problems
		if len(problems) == 0 {
			problems = []string{"the PDF carries no report JSON"}
		}
		return registry.Added{}, o, &UnverifiedError{Path: path, Problems: problems}
	}
	e := registry.Entry{ReportJSON: o.ReportJSON, Answers: o.Answers, Source: path, Identifiers: registry.IdentifiersOf(o.Probes)}
	for _, s := range o.Signatures {
		e.Signatures = append(e.Signatures, registry.Signature{Role: s.Role, Signer: s.Signer, Organisation: s.Organisation,
			Fingerprint: s.Fingerprint, Trusted: s.Trusted, Valid: s.Valid, SignedAt: s.SignedAt})
		// The decision is the last operator signature's, as verify reads it.
		if s.Role == signing.RoleOperator && o.Decision != "" {
			// The override reason stays with the comment, marked as the
			// signature's reason marks it (no schema change).
			comment := o.DecisionComment
			if o.DecisionOverride != "" {
				comment = strings.TrimSpace(comment + registry.OverrideMark + o.DecisionOverride)
			}
			e.Decision = registry.Decision{Decision: o.Decision, Comment: comment, By: e.Signatures[len(e.Signatures)-1].Name(), At: s.SignedAt}
		}
	}
	added, err := db.Add(ctx, e)
	if err != nil {
		return registry.Added{}, o, err
	}
	return added[0], o, nil
}

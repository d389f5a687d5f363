//go:build race

package audit_test

// Under the race detector (.ci/run) the equivalence tests judge fewer
// generated audits: they check results, which the plain run covers in full.
const raceEnabled = true

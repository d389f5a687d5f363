package catalog

import "slices"

// ReadsProbe reports whether a requirement reads the results of a probe
// kind: its METADATA names it in `probes:`, or one of the answers it lists
// is a field probed by that kind. Standalone probes keep exactly these
// requirements; nothing is matched by message texts.
func (c *Catalog) ReadsProbe(r *Requirement, kind string) bool {
	if slices.Contains(r.Probes, kind) {
		return true
	}
	for _, a := range r.Answers {
		if f, ok := c.Field(a.Path); ok && f.Probe == kind {
			return true
		}
	}
	return false
}

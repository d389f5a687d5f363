package audit

// ProbeInput exposes the probe check's input document to the tests.
func ProbeInput(s *Session, c *ProbeCheck, env string) map[string]any { return s.probeInput(c, env) }

// Package policies embeds the requirement catalogue: Rego packages whose
// METADATA annotations describe each requirement, with their Rego tests.
package policies

import "embed"

// FS holds every .rego file of the catalogue, tests included, so that the
// binary runs with no files beside it.
//
//go:embed main.rego lib ep sp
var FS embed.FS

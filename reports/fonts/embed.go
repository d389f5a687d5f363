// Package fonts embeds the DejaVu Sans fonts of the PDF reports (regular
// and bold), so that Finnish and Swedish letters render the same on every
// machine. Their licence is in LICENSE-DejaVu.txt beside them.
package fonts

import _ "embed"

// Sans is DejaVu Sans.
//
//go:embed DejaVuSans.ttf
var Sans []byte

// SansBold is DejaVu Sans Bold.
//
//go:embed DejaVuSans-Bold.ttf
var SansBold []byte

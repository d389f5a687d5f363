package reports

import (
	"encoding/json"
	"io"

	"github.com/mpassaudit/mpassaudit/internal/audit"
)

func init() { register("json", func(Options) Outputter { return JSON{} }) }

// JSON writes each report as one line of JSON (JSON Lines for several
// reports; a single report is one JSON document).
type JSON struct{}

// Output implements Outputter.
func (JSON) Output(w io.Writer, reports []*audit.Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range reports {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

package summary

import "testing"

// A cell is green only when every must of the area was decided and met;
// an error is "could not be checked", never a failure.
func TestCellState(t *testing.T) {
	for _, c := range []struct {
		name string
		cell Cell
		want State
	}{
		{"all decided and met", Cell{Pass: 9}, AllPass},
		{"musts still open", Cell{Pass: 2, Manual: 7, Open: 7}, Undecided},
		{"a should left for review", Cell{Pass: 2, Manual: 1}, AllPass},
		{"only a reviewer", Cell{Manual: 3, Open: 3}, ManualOnly},
		{"could not be checked", Cell{Pass: 2, Error: 1, Open: 1}, Unchecked},
		{"a failure wins", Cell{Pass: 2, Fail: 1, Error: 1}, Fails},
		{"warnings", Cell{Pass: 2, Warn: 1}, Warnings},
		{"nothing applies", Cell{}, NoData},
	} {
		if got := c.cell.State(); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got.Key(), c.want.Key())
		}
	}
}

func TestHeadlineAndRates(t *testing.T) {
	d := &Data{Members: []Member{{Verdict: "pass"}, {Verdict: "fail"}, {Verdict: "fail"}, {Verdict: "fail"}}}
	if c := d.Counts(); c.Met != 1 || c.MetShare() != 0.25 {
		t.Errorf("counts %+v, share %v", c, c.MetShare())
	}
	if (&Data{}).Counts().MetShare() != 0 {
		t.Error("no members: share not 0")
	}
	if r := (Requirement{Judged: 3, Warn: 3}); !r.OnlyWarnings() {
		t.Error("three warnings are only warnings")
	}
	if r := (Requirement{Judged: 3, Warn: 2, Pass: 1}); r.OnlyWarnings() {
		t.Error("a pass among warnings")
	}
}

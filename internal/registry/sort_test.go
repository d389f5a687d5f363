package registry

import (
	"strings"
	"testing"
)

func TestSortByName(t *testing.T) {
	names := []string{"Örebro", "Zeta", "Åbo", "Ahvenanmaa", "Äänekoski", "oulu", "Vaasa"}
	tests := []struct{ lang, want string }{
		{"fi", "Ahvenanmaa oulu Vaasa Zeta Åbo Äänekoski Örebro"},
		{"sv", "Ahvenanmaa oulu Vaasa Zeta Åbo Äänekoski Örebro"},
		{"en", "Äänekoski Åbo Ahvenanmaa Örebro oulu Vaasa Zeta"},
	}
	for _, tc := range tests {
		rows := make([]MemberRow, len(names))
		for i, n := range names {
			rows[i] = MemberRow{Name: n}
		}
		SortByName(rows, tc.lang)
		var got []string
		for _, r := range rows {
			got = append(got, r.Name)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: %s, want %s", tc.lang, strings.Join(got, " "), tc.want)
		}
	}
}

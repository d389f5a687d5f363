package signing

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/mpassaudit/mpassaudit/internal/i18n"
	"github.com/mpassaudit/mpassaudit/reports/fonts"
)

// The decision is shown on the cover, in the header band's empty right
// part (points, PDF coordinates of an A4 page): the approval signature's
// visible appearance, so that the page shows what the operator signed.
var decisionRect = [4]float64{338, 756, 580, 830}

// decisionScale is pixels per point of the appearance image.
const decisionScale = 4

// decisionImage draws the operator's decision as it appears on the cover,
// in the report's language: the decision, who signed it and when, and the
// override reason when there is one.
func decisionImage(lang, decision, signer string, at time.Time, override string) ([]byte, error) {
	w := int((decisionRect[2] - decisionRect[0]) * decisionScale)
	h := int((decisionRect[3] - decisionRect[1]) * decisionScale)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	accent := color.RGBA{0x2e, 0x7d, 0x32, 0xff} // the report's green
	label := "approved for production"
	if decision != Approved {
		accent = color.RGBA{0xc6, 0x28, 0x28, 0xff}
		label = "changes requested"
	}
	if override != "" {
		accent = color.RGBA{0xe6, 0x51, 0x00, 0xff}
	}
	draw.Draw(img, img.Bounds(), &image.Uniform{accent}, image.Point{}, draw.Src)
	border := 3 * decisionScale / 2
	draw.Draw(img, image.Rect(border, border, w-border, h-border), &image.Uniform{color.White}, image.Point{}, draw.Src)

	regular, err := face(fonts.Sans, 7.5)
	if err != nil {
		return nil, err
	}
	bold, err := face(fonts.SansBold, 11)
	if err != nil {
		return nil, err
	}
	small, err := face(fonts.Sans, 6.5)
	if err != nil {
		return nil, err
	}
	t := func(k string, a ...any) string { return fmt.Sprintf(i18n.Raw(lang, k), a...) }
	y := 11.0
	line := func(f font.Face, c color.Color, s string, step float64) {
		d := &font.Drawer{Dst: img, Src: &image.Uniform{c}, Face: f}
		// Cut to the box: a long comment must not run out of it.
		for d.MeasureString(s).Ceil() > w-12*decisionScale && len([]rune(s)) > 1 {
			r := []rune(s)
			s = string(r[:len(r)-2]) + "…"
		}
		d.Dot = fixed.P(6*decisionScale, int(y*decisionScale))
		d.DrawString(s)
		y += step
	}
	grey := color.RGBA{0x44, 0x44, 0x44, 0xff}
	line(regular, grey, t("Decision of the MPASSid operator"), 15)
	line(bold, accent, strings.ToUpper(t(label)), 13)
	line(regular, grey, t("Signed by %s, %s", signer, at.UTC().Format("2006-01-02 15:04 UTC")), 10)
	if override != "" {
		line(small, accent, t("Approved although the requirements are not met: %s", override), 10)
	} else {
		line(small, grey, t("Verify the signatures with mpassaudit verify."), 10)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func face(ttf []byte, size float64) (font.Face, error) {
	f, err := opentype.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("the report's font: %w", err)
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size * decisionScale, DPI: 72, Hinting: font.HintingFull})
}

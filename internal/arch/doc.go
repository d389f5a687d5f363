// Package arch holds the test that keeps ARCHITECTURE.md true: the import
// rules between the parts of the tool.
package arch

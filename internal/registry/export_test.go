package registry

// Migrations are the schema versions, for the tests that build a database
// of an earlier version.
var Migrations = migrations

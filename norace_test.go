//go:build !race

package cloudmore

// raceEnabled: the race detector changes allocation counts and memory use.
const raceEnabled = false

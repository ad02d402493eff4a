package cloudmore

// TEMPORARY until h-retries merges.
type retryRule uint8

const (
	repeatable retryRule = iota + 1
	notOnceWritten
	readOnlyPost
)

func defaultRetryRule(method string) retryRule {
	if idempotent(method) {
		return repeatable
	}
	return notOnceWritten
}

func (r retryRule) String() string {
	switch r {
	case repeatable:
		return "repeatable"
	case readOnlyPost:
		return "read-only"
	}
	return "not once written"
}

package cloudmore

import (
	"context"
	"encoding/json"
	"fmt"
)

// statusStep is taskStep over a declared status operation: a poll step that sends statusOp
// (GET, path values args) and reads the answer as the Poller's doc describes, a finished body
// decoded into T with json.Unmarshal. The operation, not a built path, goes to the pipeline,
// so each poll is named by its declaration in logs and errors and takes its retry rule.
//
// (Added for the CSP conversion of issue 18, beside poller.go's path-based taskStep, which the
// other areas still use; one of the two should go once every area is converted.)
func statusStep[T, R any](c *Client, statusOp op[none, none, R], args []pathArg, kind, taskID string) pollStep[T] {
	return func(ctx context.Context) (bool, *T, *Response, error) {
		raw, resp, err := statusOp.raw(ctx, c, args, nil, nil, nil)
		if err != nil {
			return false, nil, resp, err
		}
		running, err := c.taskRunning(kind, taskID, resp.StatusCode, raw)
		if err != nil || running {
			return false, nil, resp, err
		}
		v := new(T)
		if err := json.Unmarshal(raw, v); err != nil {
			return false, nil, resp, fmt.Errorf("cloudmore: decoding the result of task %s of %s: %w", taskID, kind, err)
		}
		return true, v, resp, nil
	}
}

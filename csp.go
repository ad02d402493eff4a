package cloudmore

// CSPService is a placeholder until its area lands.
type CSPService struct{ client *Client }

func newCSPService(c *Client) *CSPService { return &CSPService{client: c} }

package cloudmoretest

import cloudmore "github.com/cloudmore-sdk/cloudmore-go"

// ClientOptions returns the options of cloudmore.NewClient that reach the fake: WithBaseURL (its
// loopback URL), WithCredentials (those its token endpoint accepts), WithResellerID and
// WithSellerID (the ids it answers to). Unlike Client, they keep the SDK's production retry
// policy and build nothing, so that a program outside tests builds its client as it would for
// Cloudmore, from the fake's options or from cloudmore.OptionsFromEnv:
//
//	fake, err := cloudmoretest.Start(cloudmoretest.Options{})
//	if err != nil {
//		return err
//	}
//	defer fake.Close()
//	c, err := cloudmore.NewClient(fake.ClientOptions()...)
func (s *Server) ClientOptions() []cloudmore.Option {
	return []cloudmore.Option{
		cloudmore.WithBaseURL(s.URL()),
		cloudmore.WithCredentials(s.Credentials()),
		cloudmore.WithResellerID(s.ResellerID()),
		cloudmore.WithSellerID(s.SellerID()),
	}
}

"""The social-insurance agency's e-gateway, served by An Sinh: hospital software built against the agency's gateway
(token, card check, visit history, check-in XML0, claims XML 130) works here by changing only its base URL and
credentials. Paths, methods, field names, date formats and reply shapes are the gateway's; the answers come from the
same eligibility service and claims intake as An Sinh's own REST API."""

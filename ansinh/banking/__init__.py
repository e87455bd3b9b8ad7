"""Readers and writers of the files banks exchange with the agency, one module per format.

No models: the money apps use these readers (contributions for incoming credits, benefits for payment
status reports) and keep what they read in their own tables. ISO 20022 schemas are shipped in `xsd/`.
"""

"""Every multi-step change of the agreements app; one transaction per use case."""

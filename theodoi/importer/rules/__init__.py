"""Plan rules: they read a `Document` (any source) into the Plan JSON described in the spec."""

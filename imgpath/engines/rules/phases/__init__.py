"""One module per roadmap phase; each ``build(situation)`` returns its steps and warnings."""

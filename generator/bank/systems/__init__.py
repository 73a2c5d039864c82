"""What each source system records of the simulated bank: one module per system, named as in
models/staging/<system>/, turning simulated arrays into Arrow tables with the system's own keys."""

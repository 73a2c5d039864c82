"""The simulated bank: people living their financial lives, and what each source system records of them.

Simulation (personas, population, products, spending, ledger, engagement) is kept apart from the
records each system writes (systems/<system>.py, mirroring models/staging/<system>/), so the same
life can be told in each system's own keys, formats and mess.
"""

"""The validation engine: the record path (:mod:`eventcode.engine.records`).

docs/architecture.md says what goes where; the ACLED row path is in :mod:`eventcode.acled`.
"""

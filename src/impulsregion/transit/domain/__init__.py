"""Pure fare logic of the Verbundtarif: no Django, "now" is always a parameter.

The algorithm is written out as prose in ``docs/transit-fares.md``.
"""

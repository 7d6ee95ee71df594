"""Word lists for telling page furniture from running prose.

Data only (see STYLE.md, "Rules are data"): the function words whose share
in a line says it is prose, in the spirit of jusText's stop-word lists.
"""

from __future__ import annotations

_STOP_WORDS = """
    a about above after again against ago all almost also although always am
    among an and another any anyone anything are around as at away back be
    became because been before being below between both but by can cannot
    could did do does doing done down during each either enough even ever
    every few first for from further get gets getting got had has have having
    he her here hers herself him himself his how however i if in into is it
    its itself just last least less like made make many may me might more
    most much must my myself never new no nor not now of off often on once
    one only onto or other others our ours ourselves out over own per perhaps
    put quite rather really said same say says see seem seemed several she
    should since so some something still such than that the their theirs them
    themselves then there these they thing things this those though through
    thus till to too toward towards two under until up upon us very was way
    we well were what whatever when where whether which while who whom whose
    why will with within without would yet you your yours yourself
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
"""Casefolded English function words: prose has many (a third or more of
its words), menus, link lists and labels few."""

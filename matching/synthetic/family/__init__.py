"""A family of synthetic worlds whose structure is drawn per seed (issue 13).

``make_family_world(seed)`` builds one world; :mod:`.structure` says what is drawn.
Used by the cross-world evaluation (:mod:`matching.synthetic.evaluation`), never by
production code.
"""

from matching.synthetic.family.structure import Structure, draw_structure
from matching.synthetic.family.world import FamilyWorld, make_family_world

__all__ = ["FamilyWorld", "Structure", "draw_structure", "make_family_world"]

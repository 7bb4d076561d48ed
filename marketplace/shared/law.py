"""Rule texts from the law that several domains apply.

Act on Rehabilitative Work Activity 189/2001: rehabilitative work activity can be
bought only from municipalities, the state, associations, foundations and parishes,
never from a company (organisations, sites and jobs all check it).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

COMPANY_REHAB_MESSAGE = _(
    "A company may not offer rehabilitative work activity. Rehabilitative work "
    "activity can only be bought from municipalities, the state, associations, "
    "foundations and parishes (Act on Rehabilitative Work Activity 189/2001)."
)

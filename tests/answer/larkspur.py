"""An invented clinic whose guide changed: a current guide, the guide it replaced (superseded),
an archived guide, and a current note that a newer update changed. Every value a model might
repeat from an older version differs in one kind: a day, a price, an extension, a count, a date
or who handles something. Its passages also state things both ways (covered / not covered, fast
/ no need to fast, refundable / non-refundable) for the polarity check. Synthetic text only."""

from __future__ import annotations

from pathlib import Path

GUIDE = """---
title: Larkspur Front Desk Guide 2026
category: sops
owner: Front Desk Operations
last_updated: 2026-03-01
---

# Larkspur Front Desk Guide 2026

This guide replaces the [Larkspur Front Desk Guide 2025](front-desk-2025.md).

## Billing office

The Larkspur billing office takes walk-in questions on Thursdays from 10:00 AM to 2:00 PM.

## Lab prices

A Larkspur semen analysis costs $210 for self-pay patients.

## Transfers

Medical records requests at Larkspur are transferred to extension 237.

## Orientation

Each Larkspur orientation class seats 18 patients.

Larkspur lab results are released on Mondays.

The Larkspur spring orientation evening is held on April 22, 2026.

## Donor program

Questions about Larkspur donor matching are handled by Tomas Berg, the donor coordinator.

## Coverage and preparation

Genetic carrier screening is covered by the Brightline employer plan.

Acupuncture sessions are not covered by the Brightline employer plan.

Patients must fast for 8 hours before the glucose tolerance test.

The embryo storage deposit is refundable with 30 days' written notice.

Egg freezing consultations are non-refundable once the visit has started.
"""

OLD_GUIDE = """---
title: Larkspur Front Desk Guide 2025
category: sops
owner: Front Desk Operations
last_updated: 2025-04-01
---

# Larkspur Front Desk Guide 2025

## Billing office

The Larkspur billing office takes walk-in questions on Tuesdays from 10:00 AM to 2:00 PM.

## Lab prices

A Larkspur semen analysis costs $185 for self-pay patients.

## Transfers

Medical records requests at Larkspur are transferred to extension 214.
"""

ARCHIVED = """---
title: Larkspur Orientation and Donor Notes 2024
category: archive
owner: Front Desk Operations
last_updated: 2024-09-01
---

# Larkspur Orientation and Donor Notes 2024

## Orientation

Each Larkspur orientation class seats 12 patients.

Larkspur lab results are released by Nurse Dana Whitfield on Mondays.

The Larkspur spring orientation evening is held on April 15, 2026.

## Donor program

Questions about Larkspur donor matching are handled by Priya Natarajan, the donor coordinator.
"""

NOTE = """---
title: Larkspur Refund Desk Note
category: sops
owner: Front Desk Operations
last_updated: 2025-11-01
---

# Larkspur Refund Desk Note

## Refund requests

Larkspur refund requests for cancelled cycles are reviewed by Helen Okafor in the finance office.

Urgent refund questions go to the finance office, extension 240, and the agent notes the cycle
number.

Patients collect refund cheques from the finance office on weekdays.
"""

UPDATE = """---
title: Larkspur Update 2026-02-10
category: updates
owner: Front Desk Operations
last_updated: 2026-02-10
---

# Larkspur Update 2026-02-10

## Refund requests

Larkspur refund requests for cancelled cycles are reviewed by Samuel Ortiz in the finance office.

Patients pick up refund cheques from the finance office on weekdays.

Refund disputes go to the finance office, extension 240, only for:

- a cycle cancelled by the clinic
"""

DOCUMENTS = {
    "sops/front-desk-2026.md": GUIDE,
    "sops/front-desk-2025.md": OLD_GUIDE,
    "archive/orientation-2024.md": ARCHIVED,
    "sops/refund-desk.md": NOTE,
    "updates/2026-02-10.md": UPDATE,
}


def build(target: Path) -> Path:
    """Write the clinic's documents into ``target`` and return it."""
    for name, text in DOCUMENTS.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return target

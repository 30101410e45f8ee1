"""saboot — an evidence-grade record of reports of mass violence.

The flow: ``Source`` + raw bytes →(ingest)→ ``Document`` →(extract)→ claims
→(link)→ incidents →(assess)→ corroboration and flags.
"""

from __future__ import annotations

__version__ = "0.1.0"

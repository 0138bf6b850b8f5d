"""Write paths of match cycles. Views, the API and the command call these, never the models."""

from imgpath.matching.services.cycles import (
    cycle_cancel,
    mock_cycle_create,
    participant_join,
    participant_leave,
    program_add,
    program_remove,
)
from imgpath.matching.services.placement import placement_round_open
from imgpath.matching.services.ranking import (
    applicant_ranks_certify,
    applicant_ranks_replace,
    program_ranks_certify,
    program_ranks_replace,
)
from imgpath.matching.services.running import cycle_run

__all__ = [
    "applicant_ranks_certify",
    "applicant_ranks_replace",
    "cycle_cancel",
    "cycle_run",
    "mock_cycle_create",
    "participant_join",
    "participant_leave",
    "placement_round_open",
    "program_add",
    "program_ranks_certify",
    "program_ranks_replace",
    "program_remove",
]

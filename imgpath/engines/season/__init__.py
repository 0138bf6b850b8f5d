"""The application season's checks: letters, signals, costs, interviews, statements.

Framework-free: the season app hands in plain records and the season rules read from the
facts, and gets back results whose every reason names the fact it rests on.
"""

from imgpath.engines.season.costs import CostLine, CostProgram, CostReport, season_costs
from imgpath.engines.season.interviews import Conflict, InterviewSlot, find_conflicts
from imgpath.engines.season.letters import LetterFacts, LetterMix, check_letter_mix
from imgpath.engines.season.model import FactRef, Reason, Service
from imgpath.engines.season.rules import SeasonRules, SignalAllowance, season_rules
from imgpath.engines.season.signals import Placement, SignalCheck, check_signals
from imgpath.engines.season.statements import StatementCheck, check_statement, diff_versions

__all__ = [
    "Conflict",
    "CostLine",
    "CostProgram",
    "CostReport",
    "FactRef",
    "InterviewSlot",
    "LetterFacts",
    "LetterMix",
    "Placement",
    "Reason",
    "SeasonRules",
    "Service",
    "SignalAllowance",
    "SignalCheck",
    "StatementCheck",
    "check_letter_mix",
    "check_signals",
    "check_statement",
    "diff_versions",
    "find_conflicts",
    "season_costs",
    "season_rules",
]

from __future__ import annotations

from django.urls import path

from imgpath.matching.views import cycles, how, placement, ranking

urlpatterns = [
    path("match/", cycles.match_cycles, name="match_cycles"),
    path("match/how-it-works/", how.how_it_works, name="match_how"),
    path("match/new/", cycles.mock_cycle_create, name="match_cycle_create"),
    path("match/rounds/new/", placement.placement_round_create, name="match_round_create"),
    path("match/<int:pk>/", cycles.cycle_detail, name="match_cycle"),
    path("match/<int:pk>/join/", cycles.cycle_join, name="match_join"),
    path("match/<int:pk>/leave/", cycles.cycle_leave, name="match_leave"),
    path("match/<int:pk>/run/", cycles.cycle_run, name="match_run"),
    path("match/<int:pk>/cancel/", cycles.cycle_cancel, name="match_cancel"),
    path("match/<int:pk>/programs/", cycles.program_add, name="match_program_add"),
    path(
        "match/<int:pk>/programs/<int:program_pk>/remove/",
        cycles.program_remove,
        name="match_program_remove",
    ),
    path("match/<int:pk>/rank/", ranking.my_rank_list, name="match_my_rank_list"),
    path(
        "match/<int:pk>/rank/certify/",
        ranking.my_rank_list_certify,
        name="match_my_rank_list_certify",
    ),
    path(
        "match/<int:pk>/programs/<int:program_pk>/rank/",
        ranking.program_rank_list,
        name="match_program_rank_list",
    ),
    path(
        "match/<int:pk>/programs/<int:program_pk>/rank/certify/",
        ranking.program_rank_list_certify,
        name="match_program_rank_list_certify",
    ),
]

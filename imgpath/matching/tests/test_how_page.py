"""“How the Match works”: public, no database writes, HTMX steps and the game panel."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse

URL = reverse("match_how")


def get(client, htmx_target=None, **params):
    headers = {"HX-Request": "true", "HX-Target": htmx_target} if htmx_target else {}
    return client.get(f"{URL}?{urlencode(params)}", headers=headers)


def test_anyone_can_open_it_and_it_starts_with_an_example(client):
    # No django_db mark in this module: any database access would fail these tests.
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Program: City Hospital (1): Chen, Ana, Ben" in html
    assert "Before the first proposal" in html and "Try to game it" in html


def test_steps_show_each_proposal_and_the_final_result(client):
    third = get(client, example="first-look", step=3).content.decode()
    assert (
        "Step 3 of 4" in third
        and "<strong>Chen</strong> proposes to <strong>City Hospital" in third
    )
    assert "Ana bumped" in third and "Ana is free again" in third
    last = get(client, example="first-look", step=99).content.decode()
    assert "Step 4 of 4: the last proposal" in last
    assert "<strong>Ana</strong>: Lake Clinic, their 2nd choice" in last
    assert "This matching is stable" in last


@pytest.mark.parametrize("htmx", [True, False])
def test_step_navigation_with_and_without_htmx(client, htmx):
    response = get(client, "step-panel" if htmx else None, example="chain", step=5)
    html = response.content.decode()
    assert response.status_code == 200 and "Step 5 of 10" in html
    assert ("<html" in html) is not htmx
    assert ("Try to game it" in html) is not htmx


@pytest.mark.parametrize("htmx", [True, False])
def test_the_game_with_and_without_htmx(client, htmx):
    response = get(client, "game-panel" if htmx else None, example="honesty", who="Al")
    html = response.content.decode()
    assert "Ranking truthfully, <strong>Al</strong> gets <strong>North</strong>" in html
    assert "None of the 5 lists gets Al a program they prefer" in html
    assert "1 of these lists would get them something they prefer" in html
    assert ("<html" in html) is not htmx


def test_a_typed_market_is_used_and_errors_name_the_line(client):
    market = "Program: North (1): Al\nApplicant: Al: North, Nowhere"
    html = get(client, market=market).content.decode()
    assert "Line 2: Al ranks “Nowhere”, which is not a program here." in html
    assert "Nowhere</textarea>" in html
    ok = get(client, market="Program: North (1): Al\nApplicant: Al: North", step=1)
    assert "<strong>Al</strong> proposes to <strong>North</strong>" in ok.content.decode()


def test_bad_input_is_an_error_message_not_a_crash(client):
    assert "Null characters" in get(client, market="Program: A\x00").content.decode()
    assert get(client, step="-3").status_code == 200
    assert get(client, example="nope").status_code == 200
    response = get(client, "step-panel", market="Program: A")
    assert response["HX-Redirect"].startswith(URL)


def test_the_game_refuses_long_lists_politely(client):
    names = [f"P{i}" for i in range(6)]
    market = "\n".join(f"Program: {n}: A" for n in names) + f"\nApplicant: A: {', '.join(names)}"
    html = get(client, market=market, who="A").content.decode()
    assert "up to 5 programs" in html

"""The things a show names come from its own story first (radiomirchi/game/story_things.py)."""

from __future__ import annotations

from radiomirchi.game.story_things import LEAD_THINGS, is_a_place, story_things
from radiomirchi.game.topic_kinds import story_kind
from radiomirchi.writers.offline.show import _thing_for, is_an_area
from radiomirchi.writers.show_things import SHOW_THINGS, expected_share, things_for_show


def test_an_event_lends_its_own_things_before_its_subject_and_its_kind() -> None:
    things = story_things("factory fire kills 12", "disaster_accident")
    assert things[0] == "the firefighters"
    assert "the smoke" in things[:4]
    # The factory's pipes and chimneys belong to a pollution story, not to this fire.
    assert "the discharge pipes" not in things
    assert set(story_kind("disaster_accident").words) <= set(things)


def test_the_storys_own_things_lead_then_take_turns_with_its_kinds() -> None:
    things = story_things("onion prices double in a month", "prices")
    assert "the vegetable sellers" in things[:12]
    assert set(story_kind("prices").words) & set(things[LEAD_THINGS : LEAD_THINGS + 4])
    # A petrol price story names its pumps and fuel queues before anything of a grocery's.
    petrol = story_things("petrol price rise", "prices")
    assert {"the petrol pumps", "the fuel queues"} <= set(petrol[:8])
    assert not {"the market stalls", "the grocery bills", "the shop shelves"} & set(petrol[:12])


def test_a_leak_or_a_spill_lends_the_things_of_what_leaked() -> None:
    data = story_things("hackers leak the voter database", "attack_outage")
    assert "the leaked records" in data[: LEAD_THINGS + 3]
    # A data leak is no chemical leak, nor an exam paper's, nor a power cut.
    assert not {"the water samples", "the dead fish", "the exam halls"} & set(data)
    assert not {"the substations", "candles and torches", "the darkened streets"} & set(data)
    power_cut = story_things("power cuts in the east", "attack_outage")
    assert {"the substations", "the power grid"} <= set(power_cut)
    assert story_things("oil spill on the northern beaches", "pollution")[0] == "the oil slick"
    gas = story_things("gas leak at the chemical plant", "pollution")
    assert "the discharge pipes" in gas[:LEAD_THINGS] and "the petrol pumps" not in gas
    assert "the question papers" in story_things("exam paper leak", "scandal")[:LEAD_THINGS]


def test_a_thing_that_only_repeats_the_topic_is_left_out() -> None:
    assert "the potholes" not in story_things("potholes on the highway", "transport")


def test_a_topic_naming_no_known_event_has_its_kinds_things() -> None:
    assert story_things("tell me something nice", "generic") == story_kind("generic").words


def test_a_line_that_puts_its_thing_somewhere_takes_one_that_is_a_place() -> None:
    things = story_things("school bus fees hiked again", "tax_fee")
    assert not all(is_a_place(thing) for thing in things)  # the fees, the tax slips...
    for turn in range(len(things)):
        assert is_a_place(_thing_for("Ask anyone at {thing}.", things, turn))
        assert is_a_place(_thing_for("The crews working near {thing} are proud.", things, turn))
    # Where the line does not put it anywhere, every thing takes its turn.
    talked_about = [_thing_for("No one minds {thing}.", things, turn) for turn in range(len(things))]
    assert set(talked_about) == set(things)


def test_a_line_proud_of_its_thing_never_takes_a_shortage_or_a_blackout() -> None:
    things = story_kind("prices").words
    assert "the shortages" in things
    for body in ("Say a word of thanks for {thing} at dinner tonight.", "Be proud of {thing}, listeners."):
        celebrated = {_thing_for(body, things, turn) for turn in range(len(things))}
        assert "the shortages" not in celebrated and len(celebrated) == len(things) - 1
    # Any other line may name them.
    assert "the shortages" in {
        _thing_for("No one minds {thing}.", things, turn) for turn in range(len(things))
    }


def test_a_site_is_somewhere_people_live_near_not_in() -> None:
    assert is_an_area("District 14") and is_an_area("the Kessel Valley estate") and is_an_area("Port Halden")
    sites = (
        "the Vask River bridge",
        "Lindqvist Junction station",
        "substation 12 in Lindqvist Junction",
        "St. Brannoc Hospital",
    )
    assert not any(is_an_area(site) for site in sites)


def test_a_name_in_a_lower_case_topic_lends_no_things() -> None:
    mall = story_things("a new mall opens in Salt Lake", "construction")
    assert not {"the salt pans", "the salt workers"} & set(mall)
    # Typed in title case, every word is read.
    assert "the salt pans" in story_things("Salt Pan Workers March To Bhuj", "strike_protest")


def test_a_show_names_the_things_nearest_its_story() -> None:
    weavers = "power loom weavers hunger strike"
    nearest = things_for_show(weavers, "strike_protest", story_things(weavers, "strike_protest"))
    assert len(nearest) == SHOW_THINGS
    assert {"the looms", "the hunger strikers"} <= set(nearest)
    salt = "Salt pan workers from the Little Rann march barefoot to Bhuj demanding a fair rate"
    nearest = things_for_show(salt, "strike_protest", story_things(salt, "strike_protest"))
    assert "the salt pans" in nearest[:3]
    assert "the factory gates" not in nearest


def test_a_show_leans_towards_the_things_listeners_expect_of_its_kind() -> None:
    # Listeners expect a strike's union and police more than its canteen (expected_words.json).
    assert expected_share("the union office", "strike_protest") > expected_share(
        "the canteen", "strike_protest"
    )
    assert (
        expected_share("the police vans", "strike_protest") == expected_share("police", "strike_protest") > 0
    )
    teachers = "government school teachers strike over unpaid salaries"
    candidates = story_things(teachers, "strike_protest")
    chosen = things_for_show(teachers, "strike_protest", candidates)
    # Every strongly expected word among the candidates (in 0.4 of the strikes' word lists or more,
    # as the shipped table has it: police fell to 0.32 when round 8 was learnt) is named, by one
    # thing at least ...
    strong = {
        word
        for word in ("union", "demand", "protest", "police", "wage")
        if expected_share(word, "strike_protest") >= 0.4
    }
    offered = {word for thing in candidates for word in strong if word in thing}
    assert len(offered) >= 3, candidates
    assert all(any(word in thing for thing in chosen) for word in offered), (offered, chosen)
    # ... but not by every thing that has it: the union is not named four times over.
    assert sum("union" in thing for thing in chosen) < sum("union" in thing for thing in candidates)


def test_a_sport_names_the_things_of_its_own_game() -> None:
    """A cricket defeat has wickets and selectors, never goals or a final whistle; a hockey match
    its penalty corners, a football match none."""
    cricket = story_things("India lose the test series 3-0 at home, batting collapses again", "sport_defeat")
    assert {"the wickets", "the batting order"} <= set(cricket[: LEAD_THINGS + 4])
    assert not [thing for thing in cricket if "goal" in thing or "whistle" in thing or "penalty" in thing]
    hockey = story_things("hockey team loses the Asia Cup final", "sport_defeat")
    assert "the penalty corners" in hockey
    football = story_things("football club relegated after 40 years", "sport_defeat")
    assert "the goalkeeper" in football and "the penalty corners" not in football

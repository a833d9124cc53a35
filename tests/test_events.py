"""Events from real sentences: action, place, date, actor, claim, fatalities."""

from geo import extract
from geo.evaluate import evaluate_events


def events(text, published="2016-08-04"):
    return extract(text, published).events


def of_action(action, text, published="2016-08-04"):
    """The events of one kind that `text` reports."""
    return [e for e in events(text, published) if e["action"] == action]


def test_capture_claim_with_actor_and_date():
    found = events("Forces loyal to General Khalifa Haftar said Monday they had captured Sirte.",
                   "2020-01-06")
    capture = [e for e in found if e["action"] == "capture"]
    assert len(capture) == 1
    event = capture[0]
    assert event["place"] == "Sirte" and event["country"] == "LY"
    assert event["actor"] == "lna" and event["claim"] is True
    assert event["date"] == "2020-01-06" and event["date_precision"] == "day"
    assert event["acled_event_type"] == "Battles"


def test_origin_is_not_where_the_fighting_is():
    found = events("Fighters from Misrata pushed into Sirte on Wednesday.")
    assert [(e["action"], e["place"], e["date"]) for e in found] == \
        [("advance", "Sirte", "2016-08-03")]


def test_airstrike_dated_by_its_own_clause_and_fatalities_counted():
    text = ("U.S. forces conducted a precision airstrike near Ubari, Libya, on March 24, "
            "killing two al-Qa'ida terrorists.")
    found = {e["action"]: e for e in events(text, "2018-03-28")}
    assert found["airstrike"]["place"] == "Ubari" and found["airstrike"]["date"] == "2018-03-24"
    assert found["casualties"]["fatalities"] == 2
    assert found["airstrike"]["acled_sub_event_type"] == "Air/drone strike"


def test_hypothetical_negated_and_purpose_actions_are_not_events():
    assert events("U.S. strikes will continue to target Islamic State forces in Sirte.") == []
    assert events("We assess no civilians were killed in Sirte.") == []
    assert events("They must stop advancing on Benghazi.") == []


def test_sentence_without_a_place_takes_the_articles_town():
    text = ("Heavy fighting was reported in Sirte. Sirte is the IS stronghold.\n\n"
            "Warplanes also attacked IS-held positions.")
    found = of_action("airstrike", text)
    assert found and found[0]["place"] == "Sirte" and found[0]["place_from_context"]


def test_event_evidence_is_an_exact_substring():
    text = "Clashes broke out in Tripoli on Monday. Drones struck Gharyan."
    for event in events(text):
        assert text[event["start"]:event["end"]] == event["evidence"]


def test_gold_events_meet_the_targets(corpus_dir):
    """Measured 2026-11-25 (session 2): P 0.809, R 0.800, dates 0.950."""
    report = evaluate_events(corpus_dir / "gold.jsonl").report()
    assert report["recall"] >= 0.8 and report["precision"] >= 0.8
    assert report["dates_right"] >= 0.95


def test_an_opening_subordinate_clause_keeps_its_date():
    text = ("Since the airstrike that took out the first tank yesterday, GNA forces have "
            "moved into Sirte.")
    found = {e["action"]: e for e in events(text, "2016-08-02")}
    assert found["advance"]["date"] == "2016-08-02"
    assert found["airstrike"]["date"] == "2016-08-01"


def test_a_placeless_toll_refers_back_to_the_last_reported_violence():
    text = ("Clashes broke out in Derna on Monday. Many residents moved to Benghazi. "
            "The fighting killed 12 people, officials said.")
    (toll,) = of_action("casualties", text, "2018-05-31")
    assert toll["place"] == "Derna" and toll["place_from_context"]
    assert toll["fatalities"] == 12


def test_a_retold_capture_is_one_event_and_the_retelling_names_the_actor():
    text = ("Forces have seized the town of Gharyan, officials said on Tuesday. "
            "LNA forces captured Gharyan after heavy losses, a spokesman said on Tuesday.")
    captures = of_action("capture", text, "2019-04-03")
    assert len(captures) == 1
    assert captures[0]["place"] == "Gharyan" and captures[0]["actor"] == "lna"


def test_an_action_in_progress_is_dated_to_publication_not_to_its_cause():
    text = ("Forces loyal to Moammar Gadhafi are retreating from Ajdabiya following "
            "coalition strikes over the weekend, a general said today.")
    (retreat,) = of_action("retreat", text, "2011-03-21")
    assert retreat["date"] == "2011-03-21" and retreat["place"] == "Ajdabiya"


def test_a_toll_for_the_airstrike_told_before_takes_its_date():
    text = ("On Sept. 26, U.S. forces conducted an airstrike in Murzuq, Libya. "
            "It is assessed the airstrike killed eleven terrorists.")
    (toll,) = of_action("casualties", text, "2019-09-28")
    assert toll["place"] in ("Murzuq", "Murzuk") and toll["date"] == "2019-09-26"
    assert toll["fatalities"] == 11


def test_who_clauses_describe_people_and_give_no_date():
    text = "The strikes targeted individuals who fled to desert camps from Sirte."
    (retreat,) = of_action("retreat", text, "2017-01-19")
    assert retreat["place"] == "Sirte" and retreat["date"] is None


def test_history_and_fighting_abroad_do_not_land_on_the_articles_town():
    text = ("Heavy fighting erupted in Sirte on Friday. Libya has been in chaos since "
            "Gadhafi was toppled and killed in 2011. Unlike strikes against IS in Syria, "
            "each strike was requested.")
    found = events(text, "2016-06-11")
    assert [(e["action"], e["place"], e["date"]) for e in found] == \
        [("clash", "Sirte", "2016-06-10")]


def test_a_neighbourhood_named_with_its_town_is_the_events_place():
    text = ("Yesterday's airstrike on a tank in the southwestern Sirte neighborhood of "
            "al-Dular removed a menacing problem, Davis said.")
    (strike,) = of_action("airstrike", text, "2016-08-02")
    assert strike["place"] == "al-Dular" and strike["date"] == "2016-08-01"


def test_a_weekday_after_a_reported_action_dates_it_even_in_reported_speech():
    text = "Davis said one of the tanks struck Monday had been a problem in Sirte."
    (strike,) = of_action("airstrike", text, "2016-08-02")
    assert strike["date"] == "2016-08-01"


def test_places_listed_together_are_each_taken_even_when_near_each_other():
    text = "The Libyan National Army seized the oil ports of Ras Lanuf and Es Sider on Sunday."
    captures = {e["place"] for e in of_action("capture", text, "2016-09-12")}
    assert captures == {"Ras Lanuf", "Es Sider"}


def test_a_reference_point_does_not_take_the_event():
    text = ("An airstrike hit a migrant detention centre in Tajoura, east of Tripoli, late on "
            "Tuesday, killing at least 44 people.")
    found = events(text, "2019-07-03")
    assert {e["action"] for e in found} == {"airstrike", "casualties"}
    assert all(e["source_id"] == found[0]["source_id"] != "gn:2210247" for e in found)
    assert all(e["date"] == "2019-07-02" for e in found)


def test_storming_into_a_town_is_an_advance_by_the_named_side():
    (advance,) = events("Rebel fighters stormed into Tripoli on Sunday night.", "2011-08-21")
    assert (advance["action"], advance["place"], advance["actor"]) == \
        ("advance", "Tripoli", "ntc")


def test_regaining_control_is_a_capture_by_the_recognised_government():
    text = ("Libya's internationally recognised government said on Thursday it had regained "
            "full control of Tripoli after pushing out Haftar's forces.")
    (capture,) = of_action("capture", text, "2020-06-04")
    assert (capture["place"], capture["actor"], capture["claim"]) == ("Tripoli", "gna", True)


def test_a_units_home_town_is_not_where_it_acts():
    text = ("Islamic State fighters took full control of Sirte on Tuesday after the "
            "Misrata-based Brigade 166 withdrew from the power plant.")
    assert {e["place"] for e in events(text, "2015-06-09")} == {"Sirte"}


def test_pushing_toward_a_town_is_an_advance_and_libya_dawn_is_a_faction():
    found = events("Rebels pushed west toward Bin Jawad on Sunday.", "2011-03-06")
    assert [(e["action"], e["place"], e["actor"]) for e in found] == \
        [("advance", "Ben Jawad", "ntc")]
    (capture,) = events("Libya Dawn militias captured Tripoli airport on Saturday.", "2014-08-24")
    assert capture["actor"] == "libya_dawn" and capture["date"] == "2014-08-23"


def test_denials_and_objectives_are_not_events():
    assert events("The LNA denied that its forces had withdrawn from Gharyan.", "2019-05-20") == []
    assert events("GNA officials rejected claims that Haftar's forces had captured Aziziya.",
                  "2019-05-20") == []
    assert events("The objective is to help the GNA retake Sirte, he added.", "2016-08-02") == []


def test_the_month_may_is_not_the_modal_may():
    text = "In May, Islamic State fighters attacked a checkpoint near Abu Grein, killing five."
    found = {e["action"]: e for e in events(text, "2016-07-18")}
    assert found["attack"]["date"] == "2016-05-01" and found["attack"]["date_precision"] == "month"
    assert found["casualties"]["fatalities"] == 5


def test_a_capture_in_one_place_does_not_swallow_an_advance_on_another():
    text = "The GNA said its forces were advancing toward Sirte after retaking Tarhuna on Friday."
    found = {(e["action"], e["place"], e["actor"]) for e in events(text, "2020-06-06")}
    assert found == {("capture", "Tarhuna", "gna"), ("advance", "Sirte", "gna")}


def test_residents_of_a_district_are_people_and_it_is_a_place():
    found = events("Residents of Ain Zara said they had been shelled every night since Sunday.",
                   "2019-04-12")
    assert [(e["action"], e["place"]) for e in found] == [("attack", "Ain Zara")]


def test_a_town_that_fell_opens_the_sentence_and_the_captor_comes_after():
    (capture,) = events("Derna, the last jihadist stronghold in the east, fell to the LNA this "
                        "week.", "2017-07-06")
    assert (capture["action"], capture["place"], capture["actor"]) == ("capture", "Derna", "lna")
    assert capture["date_precision"] == "week"


def test_car_bombs_are_attacks_and_driving_a_side_from_a_town_is_a_capture():
    found = {e["action"] for e in events("A car bomb exploded at a checkpoint in Sirte on "
                                         "Sunday, killing two GNA fighters.", "2016-08-22")}
    assert found == {"attack", "casualties"}
    (capture,) = events("Pro-government forces said on Tuesday they had driven Islamic State "
                        "from its last positions in Sirte.", "2016-12-06")
    assert (capture["action"], capture["place"], capture["target"]) == \
        ("capture", "Sirte", "islamic_state")


def test_an_action_after_its_means_is_real_and_aircraft_strike():
    seized = of_action("capture", "Libyan forces backed by U.S. airstrikes seized the port of "
                                  "Sirte on Wednesday.")
    assert [(e["place"], e["date"]) for e in seized] == [("Sirte", "2016-08-03")]
    struck = of_action("airstrike", "Coalition aircraft pounded positions near Ajdabiya on "
                                    "Tuesday.", "2011-03-28")
    assert [(e["place"], e["date"]) for e in struck] == [("Ajdabiya", "2011-03-22")]


def test_who_acts_allied_forces_subordinate_gerunds_and_speakers():
    allied = of_action("capture", "Fighters allied with the Government of National Accord "
                                  "recaptured Gharyan on Sunday.", "2019-06-27")
    assert [e["actor"] for e in allied] == ["gna"]
    retaken = of_action("capture", "Libyan rebels advanced to the outskirts of Sirte, "
                                   "Gadhafi's hometown, after retaking Ras Lanuf on Saturday.",
                        "2011-03-28")
    assert [(e["place"], e["actor"]) for e in retaken] == [("Ras Lanuf", "ntc")]
    spoken = of_action("airstrike", "Turkish drones struck Tarhuna last week, GNA spokesman "
                                    "Mohamed Gnunu said.", "2020-05-19")
    assert [(e["actor"], e["target"]) for e in spoken] == [("turkey", None)]


def test_an_announced_action_takes_the_day_of_the_statement():
    found = of_action("capture", "The GNA said on Monday its forces had captured Tarhuna.",
                      "2020-06-02")
    assert [(e["date"], e["date_text"]) for e in found] == [("2020-06-01", "said Monday")]


def test_an_enabled_result_is_real_but_an_aim_is_not():
    done = of_action("capture", "U.S. strikes hit IS in Sirte, enabling GNA-aligned forces to "
                                "drive Daesh out of Sirte.")
    assert [e["place"] for e in done] == ["Sirte"]
    assert of_action("capture", "The GNA requested air support to better enable their forces "
                                "to liberate Sirte.") == []


def test_the_base_refers_to_the_facility_named_before_not_to_a_bearing():
    text = ("GNA forces captured al-Watiya air base, southwest of Tripoli, on Monday.\n\n"
            "Turkish drones struck the base repeatedly last week.")
    strikes = of_action("airstrike", text, "2020-05-19")
    assert [(e["place"], e["date"]) for e in strikes] == [("Al-Watiya Air Base", "2020-05-11")]


def test_a_toll_counts_the_victims_of_its_sentences_attack():
    text = "Unidentified warplanes bombed Libya Dawn positions in Tripoli on Saturday, " \
           "killing 13 fighters."
    toll = of_action("casualties", text, "2014-08-24")
    assert [(e["fatalities"], e["actor"], e["target"]) for e in toll] == \
        [(13, None, "libya_dawn")]
    aside = of_action("casualties", "Residents said at least seven civilians, including three "
                                    "children, were killed in Derna.", "2015-02-17")
    assert [e["fatalities"] for e in aside] == [7]


def test_a_seat_of_government_or_a_groups_home_town_is_not_where_it_acts():
    seat = events("The air force of the government in Tobruk bombed Derna on Monday.",
                  "2015-02-17")
    assert {e["place"] for e in seat} == {"Derna"}
    text = "Fighting raged in Sirte.\n\nWarplanes bombed the Misrata brigades on Saturday."
    assert [e["place"] for e in of_action("airstrike", text)] == ["Sirte"]


def test_capturing_people_or_weapons_is_not_taking_a_place():
    assert of_action("capture", "Rebels said they had captured Gadhafi's son Saif al-Islam in "
                                "Tripoli.", "2011-08-22") == []
    assert of_action("capture", "GNA forces captured a Russian-made air defense system near "
                                "Tarhuna.", "2020-05-19") == []
    taken = of_action("capture", "GNA forces seized a major airbase near Tarhuna.", "2020-05-19")
    assert [e["place"] for e in taken] == ["Tarhuna"]


def test_a_capture_told_with_a_statement_day_and_its_own_day_is_one_event():
    text = ("The Libya Dawn coalition said on Sunday it had seized the airport in Tripoli.\n\n"
            "Its fighters drove the Zintan brigades out of Tripoli on Saturday.")
    found = of_action("capture", text, "2014-08-24")
    assert [(e["place"], e["date"], e["actor"]) for e in found] == \
        [("Tripoli", "2014-08-23", "libya_dawn")]
    assert found[0]["evidence"].startswith("The Libya Dawn coalition said")  # the first telling


def test_a_since_clause_opens_a_period_and_a_campaign_is_not_one_event():
    text = "Sirte is calm.\n\nMore than 700 fighters have been killed since the offensive " \
           "began in May."
    found = events(text, "2016-12-06")
    assert [(e["action"], e["fatalities"], e["date"]) for e in found] == \
        [("casualties", 700, "2016-12-06")]
    assert events("Libya has been in chaos since Gadhafi was toppled and killed in 2011.",
                  "2020-01-06") == []
    hospital = of_action("casualties", "A Misrata hospital said 350 fighters had been killed "
                                       "since May.", "2016-08-05")
    assert [(e["fatalities"], e["date"]) for e in hospital] == [(350, "2016-08-05")]
    recent = of_action("clash", "Fighting has raged in Derna since Jan. 2.", "2017-01-05")
    assert [e["date"] for e in recent] == ["2017-01-02"]
    left = events("The LNA withdrew from Gharyan, the last foothold of its 14-month offensive "
                  "on the capital.", "2020-06-05")
    assert [(e["action"], e["place"]) for e in left] == [("retreat", "Gharyan")]


def test_counterattacks_forced_retreats_taken_towns_gunships_and_the_dead():
    text = ("Rebels were forced out of Bin Jawad after government troops launched a "
            "counterattack on Sunday.\n\nThe rebels had taken the town on Saturday.")
    found = {(e["action"], e["date"]) for e in events(text, "2011-03-06")}
    assert {("retreat", "2011-03-06"), ("attack", "2011-03-06"),
            ("capture", "2011-03-05")} <= found
    fired = of_action("airstrike", "Helicopter gunships fired on rebel positions near Brega "
                                   "on Friday.", "2011-03-06")
    assert [e["place"] for e in fired] == ["Brega"]
    died = of_action("casualties", "A doctor said at least 30 people had died in the fighting "
                                   "in Zawiya on Saturday.", "2011-03-06")
    assert [(e["fatalities"], e["date"]) for e in died] == [(30, "2011-03-05")]


def test_the_attack_blamed_is_the_one_reported_not_a_new_one_since_april():
    text = ("An airstrike hit a detention center in Tajoura late Tuesday, killing 44 people.\n\n"
            "The GNA blamed the attack on Haftar's forces, which have been trying to capture "
            "the capital since April.")
    assert of_action("attack", text, "2019-07-03") == []


def test_a_district_named_of_its_town_is_where_the_toll_is_and_lost_control_is_a_retreat():
    text = "Mortar shells fell on the Abu Salim district of Tripoli late Wednesday, killing " \
           "two civilians."
    found = {(e["action"], e["place"]) for e in events(text, "2019-05-10")}
    assert found == {("attack", "Abu Salim"), ("casualties", "Abu Salim")}
    lost = events("Haftar's forces lost control of Gharyan on Wednesday.", "2019-05-10")
    assert [(e["action"], e["place"], e["date"]) for e in lost] == \
        [("retreat", "Gharyan", "2019-05-08")]


def test_siege_to_a_town_missiles_falling_and_pro_faction_forces():
    siege = of_action("other", "Haftar's forces laid siege to Misrata on Monday.", "2020-01-10")
    assert [(e["place"], e["actor"]) for e in siege] == [("Misrata", "lna")]
    near = of_action("clash", "Clashes broke out close to Tripoli on Monday.", "2020-01-10")
    assert [e["place"] for e in near] == ["Tripoli"]
    fell = events("Missiles fell on Mitiga airport on Thursday.", "2020-01-10")
    assert [(e["place"], e["date"]) for e in fell] == [("Mitiga Airport", "2020-01-09")]
    shelled = of_action("attack", "Pro-Haftar forces shelled Tripoli on Wednesday.", "2020-01-10")
    assert [e["actor"] for e in shelled] == ["lna"]


def test_calls_to_end_fighting_and_feared_offensives_are_not_events():
    assert events("The UN envoy called for an end to the fighting in Tripoli.",
                  "2020-01-10") == []
    assert events("Residents of Sirte fear a new offensive.", "2020-01-10") == []
    assert events("Police said they had foiled an attack on Mitiga airport.", "2020-01-10") == []


def test_an_air_force_bombing_is_an_airstrike_by_the_renegade_generals_side():
    found = of_action("airstrike", "The renegade general's air force bombed militia positions in "
                                   "Benghazi on Thursday.", "2014-05-30")
    assert [(e["place"], e["date"], e["actor"]) for e in found] == \
        [("Benghazi", "2014-05-29", "lna")]


def test_shelling_amid_clashes_at_one_place_is_one_clash():
    found = events("Heavy shelling and gunfire continued south of Tripoli on Monday.",
                   "2018-09-03")
    assert [(e["action"], e["place"], e["date"]) for e in found] == \
        [("clash", "Tripoli", "2018-09-03")]
    # Shelling alone stays an attack.
    assert [e["action"] for e in events("Heavy shelling hit Tripoli on Monday.",
                                        "2018-09-03")] == ["attack"]


def test_a_withdrawal_told_without_its_day_is_dated_by_the_capture_of_that_place():
    found = events("GNA forces captured Tarhuna on Monday after a week of fighting. The LNA "
                   "is calling its withdrawal from Tarhuna a tactical maneuver.", "2020-06-09")
    assert [(e["action"], e["place"], e["date"]) for e in found] == [
        ("capture", "Tarhuna", "2020-06-08"), ("retreat", "Tarhuna", "2020-06-08")]
    # With no capture told, the withdrawal keeps the publication day.
    alone = events("The LNA is calling its withdrawal from Tarhuna a tactical maneuver.",
                   "2020-06-09")
    assert [(e["action"], e["date"]) for e in alone] == [("retreat", "2020-06-09")]


def test_targets_joined_by_and_share_the_action_but_a_new_clause_does_not():
    found = events("The coalition launched 16 more Tomahawk strikes against targets that "
                   "included Scud missile garrisons in Tripoli and air defense systems around "
                   "Sabha, he added.", "2011-03-25")
    assert [(e["action"], e["place"]) for e in found] == [("airstrike", "Tripoli"),
                                                           ("airstrike", "Sabha")]
    clause = events("Jets struck Tripoli, and forces advanced near Sabha.", "2011-03-25")
    assert sorted((e["action"], e["place"]) for e in clause) == [("advance", "Sabha"),
                                                                  ("airstrike", "Tripoli")]


def test_civilians_fleeing_are_no_retreat_and_every_listed_refuge_is_a_destination():
    assert events("Hundreds of families fled to Sirte and Bani Walid on Monday.",
                  "2016-05-22") == []
    fled = events("IS fighters fled Derna to Sirte and Bani Walid on Monday.", "2016-05-22")
    assert [(e["action"], e["place"]) for e in fled] == [("retreat", "Derna")]


def test_a_retaking_is_not_the_earlier_seizure_told_again():
    found = events("Militias from Misurata said Saturday they had retaken the town of Abu "
                   "Grein from Islamic State fighters. The group had seized the checkpoint "
                   "last week.", "2016-05-22")
    assert ("capture", "Abu Grein", "2016-05-21") in [
        (e["action"], e["place"], e["date"]) for e in found]


def test_a_capture_announced_later_takes_the_day_the_loser_lost_the_town():
    found = events("The government said on Saturday its forces had recaptured the town of "
                   "Gharyan. Haftar's forces lost control of Gharyan on Wednesday after a "
                   "surprise attack.", "2019-06-29")
    dated = {(e["action"], e["date"]) for e in found if e["place"] == "Gharyan"}
    assert {("capture", "2019-06-26"), ("retreat", "2019-06-26")} <= dated
    # A withdrawal weeks before is another story: the capture keeps its statement's day.
    later = events("The government said on Saturday its forces had recaptured Gharyan. "
                   "Haftar's forces had withdrawn from Gharyan on May 2.", "2019-06-29")
    assert ("capture", "2019-06-29") in {(e["action"], e["date"]) for e in later}


def test_an_apposition_says_where_a_place_is_and_is_no_second_target():
    found = events("A rocket hit Mitiga airport, Tripoli's only functioning airport, late on "
                   "Sunday.", "2020-05-11")
    assert [(e["action"], e["place"]) for e in found] == [("attack", "Mitiga Airport")]
    listed = events("Rockets hit Ain Zara, Tajoura and Tripoli's airport.", "2020-05-11")
    assert [e["place"] for e in listed] == ["Ain Zara", "Tajura", "Tripoli"]


def test_eastern_forces_are_haftars_in_the_years_of_the_lna_only():
    assert [e["actor"] for e in events("Eastern forces shelled Brega on Monday.",
                                       "2020-05-28")] == ["lna"]
    assert [e["actor"] for e in events("Eastern forces shelled Brega on Monday.",
                                       "2011-03-10")] == [None]

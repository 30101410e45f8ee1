"""Who a claim says did it: a "by" after another deed than the violence ("flown … by the army", "rescued by security
forces") names no perpetrator, nor does a deed done in a relative clause of a later noun ("the militants who had
stormed …") make the earlier actor its doer; a "by" after the violence still does."""

from __future__ import annotations

from pathlib import Path

import pytest

from saboot.claims import ExtractionInput
from saboot.extract.actors import ActorDictionary
from saboot.extract.rules import RuleExtractor

EXTRACTOR = RuleExtractor()


@pytest.mark.parametrize(
    ("text", "perpetrators"),
    [
        (
            "The prisoner was flown to the capital by the Pakistan Army to negotiate with the gunmen who had attacked a "
            "checkpoint in Quetta on 3 May 2012.",
            {"gunmen"},
        ),
        ("The attack in Quetta on 3 May 2012, which killed five people, was condemned by the Pakistan Army.", set()),
        (
            "Gunmen abducted 12 travellers in Quetta on 3 May 2012; they were rescued by the Frontier Corps the next day.",
            {"gunmen"},
        ),
        ("Five people were killed by the Pakistan Army in Quetta on 3 May 2012.", {"Pakistan Army"}),
        ("The Taliban, who attacked a checkpoint in Quetta on 3 May 2012, killed five people.", {"Taliban"}),
        (
            "The Taliban and the Haqqani Network attacked a checkpoint in Quetta on 3 May 2012, killing five people.",
            {"Taliban", "Haqqani Network"},
        ),
        # rules.v8: the group whose militants an operation killed did not do it; "suspects" (those arrested) and "a
        # targeted operation" had made Lashkar-e-Jhangvi a perpetrator, attributed or named
        (
            "Security forces arrested 170 suspects and killed four militants of the banned Lashkar-e-Jhangvi in a "
            "targeted operation in Quetta on 3 May 2012.",
            {"security forces"},
        ),
        # rules.v10: the press's "gunned down", "martyred" and "hurled" are deeds; "were martyred" is suffered
        ("Unknown miscreants gunned down a shopkeeper in Quetta on 3 May 2012.", {"unknown assailants"}),
        ("Militants hurled a hand grenade at a shop in Turbat on 3 May 2012, injuring five.", {"unknown assailants"}),
        ("Six security forces were martyred when their helicopter crashed in Quetta on 3 May 2012.", set()),
        ("A suicide bomber blew himself up at an imambargah in Shikarpur on 3 May 2012, killing 61.", {"suicide bomber"}),
        # rules.v12: the target named before the verb did not do it ("attacks on FC camps … killed": the Frontier
        # Corps had been named the perpetrator)
        ("Twin attacks on FC camps in Panjgur on 3 May 2012 killed nine soldiers.", set()),
        ("A suicide attack targeting a police convoy in Quetta on 3 May 2012 killed five policemen.", set()),
        ("The BLA carried out attacks on FC camps in Panjgur on 3 May 2012.", {"Baloch Liberation Army (BLA)"}),
        # actors@2026-12b: the press's "unknown persons" (it had named no perpetrator)
        ("Two brothers were gunned down by unknown persons in Killa Abdullah on 3 May 2012.", {"unknown assailants"}),
        # a force named inside a group that does the deed is still its doer
        ("FC personnel opened fire on a house in Turbat on 3 May 2012, killing two.", {"Frontier Corps"}),
        # rules.v15: "sprayed bullets" is a deed (the gunmen had not been its doers)
        ("Gunmen riding motorcycles sprayed bullets on a van in Quetta on 3 May 2012, leaving four dead.", {"gunmen"}),
        # rules.v16 and actors@2026-12c: the police are a force that does deeds, not only a group that suffers them;
        # one that speaks of the deed, or whose vehicle it struck, did not do it ("Police said gunmen killed …" had
        # named no force, as the police were no actor, and "The Frontier Corps said militants killed …" the FC)
        ("Police baton-charged protesters outside the press club in Quetta on 3 May 2012.", {"police"}),
        ("A police officer opened fire on his colleagues at a checkpoint in Zhob on 3 May 2012, killing three.", {"police"}),
        ("Police said gunmen killed two Hazara men in Quetta on 3 May 2012.", {"gunmen"}),
        ("The Frontier Corps said militants killed two soldiers in Quetta on 3 May 2012.", {"unknown assailants"}),
        ("A bomb attached to a police vehicle went off in Quetta on 3 May 2012, killing two.", set()),
        # nor did a force that suffered it, named by a word a group shares ("security personnel": soldiers)
        ("Gunmen killed three security personnel in Quetta on 3 May 2012.", {"gunmen"}),
        ("Four police officers were killed in an attack in Quetta on 3 May 2012.", set()),
        # whom the deed was done to, though "suspected" ("suspected militants" had been the attack's doers, attributed)
        ("Police killed two suspected militants in an exchange of fire in Karachi on 3 May 2012.", {"police"}),
        # rules.v17: the deed done last in a series of the doer's own, after a comma or "and" (the doers had been
        # named by none of these: the deed was more than eight words after them)
        (
            "Militants in southwestern Balochistan province stopped vehicles on a highway early on 3 May 2012, checked "
            "passengers' identity cards and shot dead 23 people.",
            {"unknown assailants"},
        ),
        (
            "Gunmen wearing military uniforms stopped a bus on the Karakoram Highway in Kohistan on 3 May 2012, checked "
            "the passengers' identity cards and shot 18 travellers dead.",
            {"gunmen"},
        ),
        # but not when another does it, or when it is suffered
        (
            "Protesters blocked the national highway near Quetta on 3 May 2012 for six hours and the Frontier Corps "
            "opened fire, killing two.",
            {"Frontier Corps"},
        ),
        (
            "Levies personnel stopped a bus near Mastung on 3 May 2012 and were shot dead by militants hiding nearby.",
            {"unknown assailants"},
        ),
        # rules.v17: who arrested, of a claim of an arrest (it had named no one), and of no other claim: the police
        # who arrested suspects afterwards did not kill
        ("Police arrested three suspects over the killing of two Hazara men in Quetta on 3 May 2012.", {"police"}),
        ("Gunmen killed two Hazara men in Quetta on 3 May 2012. Police later arrested three suspects.", {"gunmen"}),
        ("Two Hazara men were shot dead in Quetta on 3 May 2012. Police arrested the killer the next day.", set()),
        # rules.v18: a bomber who rammed a car into a convoy did it (no one had been named)
        (
            "Five Chinese engineers were killed near Besham on 3 May 2012 when a suicide bomber rammed an explosives-laden "
            "car into their convoy.",
            {"suicide bomber"},
        ),
    ],
)
def test_who_did_it_is_read_from_the_deed_not_from_any_by(text: str, perpetrators: set[str]) -> None:
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text)).claims
    assert {a.name for a in claim.perpetrators} == perpetrators


@pytest.mark.parametrize(
    ("text", "claimed"),
    [
        ("A bomb killed two in Khar on Monday. Lashkar-e-Jhangvi claimed the attack.", ["Lashkar-e-Jhangvi"]),
        ("A bomb killed two in Khar on Monday. The Taliban claimed the suicide bombing.", ["Taliban"]),
        # a claim about the attack is no claim of it
        ("A bomb killed two in Khar on Monday. The Taliban claimed the attack was the work of others.", []),
        # rules.v9: nor is "the attack on" what it struck a claim about it ("claimed the attack on a bus" had named no one)
        ("Gunmen killed five people in Turbat on Friday. The Baloch Liberation Front claimed the attack on a bus.",
         ["Baloch Liberation Front (BLF)"]),
        # rules.v16: the group that claimed it, described on the way, not the movement it is described as a part of
        ("A bomb killed two in Khar on Monday. Jundullah, a splinter group of the Pakistani Taliban, claimed the attack.",
         ["Jundallah (Pakistan)"]),
        ("A bomb killed two in Khar on Monday. The Taliban and the Khorasan Chapter of the Islamic State each claimed "
         "responsibility for the attack.", ["Taliban", "Khorasan Chapter of the Islamic State"]),
    ],
)  # fmt: skip
def test_a_group_that_claimed_the_attack_claimed_it(text: str, claimed: list[str]) -> None:
    [claim] = RuleExtractor().extract(ExtractionInput("t", text, published="2023-07-31")).claims
    assert [p.name for p in claim.perpetrators if p.relation == "claimed"] == claimed


def test_a_perpetrator_carries_the_movements_it_is_a_part_of(tmp_path: Path) -> None:
    [claim] = EXTRACTOR.extract(
        ExtractionInput("t", "A bomb killed two in Khar on Monday. Jamaat-ul-Ahrar claimed the attack.", published="2023-07-31")
    ).claims
    [group] = claim.perpetrators
    assert group.belongs_to == ("Tehrik-i-Taliban Pakistan (TTP)", "Taliban")
    # a user's dictionary may close a loop of parents: the chain ends where it would repeat
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[actor]]\nid = "a"\nname = "Front A"\nkind = "armed_group"\nparent = "b"\naliases = ["Front A"]\n'
        '[[actor]]\nid = "b"\nname = "Front B"\nkind = "armed_group"\nparent = "a"\naliases = ["Front B"]\n',
        encoding="utf-8",
    )
    entries = {e.name: e.belongs_to for e in ActorDictionary((extra,)).actors}
    assert entries["Front A"] == ("Front B",) and entries["Frontier Corps"] == ("paramilitary forces", "security forces")


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("Police baton-charged protesters outside the press club in Quetta on 3 May 2012.", set()),
        ("Gunmen shot dead two policemen in Quetta on 3 May 2012, police said.", {"police"}),
        ("Gunmen killed three security personnel in Quetta on 3 May 2012.", {"soldiers"}),
        # nor are those who act on the case, or the agents of a taking told in the passive
        ("Police registered a case after two Hazara shopkeepers were shot dead in Quetta on 3 May 2012.", {"Hazara"}),
        ("Police arrested 12 activists during a sit-in outside the press club in Quetta on 3 May 2012.", set()),
        ("A student was picked up by police in Turbat on 3 May 2012, his family said.", set()),
        ("Police identified and arrested a suicide bomber in Sharana on 3 May 2012.", set()),
        # rules.v17: the doer's own people, named by a word a group shares, right after its name ("officials" had been
        # the victims of their own raid); the same word after the deed is still its victims
        ("CTD officials killed four suspected militants in an exchange of fire in Quetta on 3 May 2012.", set()),
        ("Gunmen killed four officials of the district administration in Quetta on 3 May 2012.", {"officials"}),
        # and a force's people, named so, who suffered it are the force's group ("officials" had been the victims)
        ("Four CTD officials were killed in an exchange of fire in Quetta on 3 May 2012.", {"police"}),
        # the doer's colleagues are of its group ("At least five officers were killed" had named no victims, as the
        # words naming the doer were its own)
        (
            "A border police officer opened fire on his colleagues at a checkpoint in Zhob on 3 May 2012. At least five "
            "officers were killed in the attack.",
            {"police"},
        ),
        ("Gunmen opened fire on a checkpoint in Zhob on 3 May 2012, killing five people.", {"civilians"}),
    ],
)
def test_a_force_that_suffered_the_deed_is_its_victim_and_one_that_did_it_is_not(text: str, victims: set[str]) -> None:
    # rules.v16: "security personnel" had been security forces, neither doer nor victim; "Police baton-charged …"
    # had made the police its victims
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text)).claims
    assert {a.name for a in claim.victims} == victims


@pytest.mark.parametrize(
    ("text", "claimed", "victims"),
    [
        # rules.v16: a report that is only a group's claim of one attack, naming whom it struck, is a claim of its own
        # (it had been no claim at all, and who did it was lost)
        ("Jundullah, a splinter group of the Pakistani Taliban, claimed responsibility for the attack on the Ismaili "
         "community.", ["Jundallah (Pakistan)"], ["Ismaili"]),
        # not a claim that names neither whom nor where, nor a claim of several attacks
        ("The Taliban claimed responsibility for the attack.", None, None),
        ("The LeJ, the militant wing of the anti-Shia Sipah-e-Sahaba Pakistan (SSP), has claimed responsibility for "
         "several of the attacks on the Hazara community.", None, None),
    ],
)  # fmt: skip
def test_a_report_of_a_group_s_claim_alone_is_a_claim_of_the_attack(
    text: str, claimed: list[str] | None, victims: list[str] | None
) -> None:
    claims = EXTRACTOR.extract(ExtractionInput("t", text, published="2015-05-14")).claims
    if claimed is None:
        assert claims == ()
        return
    [claim] = claims
    assert [p.name for p in claim.perpetrators if p.relation == "claimed"] == claimed
    assert [v.name for v in claim.victims] == victims and claim.date.end == "2015-05-14"


def test_a_deed_done_during_a_protest_is_of_the_protest_s_day() -> None:
    # rules.v16: the sit-in's day had bounded the arrests' from above, as a protest over them would ("unresolved")
    text = "Police arrested 12 activists during a sit-in outside the press club in Quetta on Monday."
    [claim] = EXTRACTOR.extract(ExtractionInput("t", text, published="2024-03-05")).claims
    assert (claim.date.start, claim.date.end, claim.counts["arrested"].best) == ("2024-03-04", "2024-03-04", 12)

"""How a person's name is written, for the rules that read people: one word, a name, a list of names.

A word of a name is capitalised, and may join parts by an apostrophe or a hyphen ("Baloch", "D'Souza", "Abdul-Haq");
a single capital letter is no word ("A man"). The count rules (``casualties``) and the people a count names
(``people``) read names by these patterns.
"""

from __future__ import annotations

import re

WORD = r"[A-Z](?:[a-z]+(?:[A-Z][a-z]+)*|(?=['’]))(?:['’-][A-Z]?[a-z]+)*"
# one to four words: "Hafeez", "Mohammad Anwar Rahmani"
NAME = rf"{WORD}(?:\s{WORD}){{0,3}}"
# two words or more: "Zahid Baloch" (one capitalised word alone is as often a place or a group)
FULL_NAME = rf"{WORD}(?:\s+{WORD})+"
# kin or a companion named after a name ("Jan and his guard")
_KIN = r"(?:his|her|their)\s+(?:son|daughter|brother|sister|father|mother|wife|husband|cousin|nephew|bodyguard|driver)"
# names parted by commas and "and": "Sohail Baloch and Fasihullah Baloch", "Karim, Jameel and his son" (one group)
NAMES = rf"({NAME}(?:,\s*{NAME})*,?\s+and\s+(?:{NAME}|{_KIN}))"
# capitalised words that open a phrase but name no one: "The", "Police", "Two", "In Quetta"
NOT_A_NAME = re.compile(
    r"^(?:The|A|An|Police|Security|Army|Afghan|Pakistani|Pakistan|Taliban|Government|Officials|Soldiers|Civilians|"
    r"Militants|Assailants|Gunmen|Residents|Sources|Both|Two|Three|One|In|On|At|Near|From|Last|This|Earlier|Later|"
    r"Meanwhile)\b"
)
# the qualifiers of a count that says whom it counts by name: one person, or as many as it names (``people`` reads
# the names from the count's words)
NAMED_ONE = "named person"
NAMED_MANY = "named persons"

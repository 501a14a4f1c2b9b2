"""Titles in front of names: "Rear Adm. Daniel Hagari" is "Daniel Hagari"."""

from __future__ import annotations

import re

TITLE_WORDS = (
    "Mr Mrs Ms Mx Dr Prof Gen Lt Col Maj Capt Cmdr Adm Sgt Cpl Pvt Gov Sen Rep Rev Hon "
    "Pres Supt Insp Det Rear Vice Sir Dame Lord Lady President Prime Minister Secretary "
    "Senator Governor Mayor Judge Justice Chief Sheikh King Queen Prince Pope Chancellor "
    "General Colonel Lieutenant Major Captain Admiral Sergeant Commander Officer Spokesman "
    "Spokeswoman Spokesperson Ambassador Director Professor Doctor Rabbi Imam Father Sister "
    "Representative Congressman Congresswoman Sheriff"
).split()
_TITLE_RE = re.compile(r"^(?:(?:" + "|".join(TITLE_WORDS) + r")\.?\s+)+")


def strip_titles(name: str) -> str:
    return _TITLE_RE.sub("", name).strip()

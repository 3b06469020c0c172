"""Outlets: the names readers know them by, and whether a name is one."""

from __future__ import annotations

import re

from slugify import slugify

# (key, name readers know, other spellings). Spellings are compared without case, spaces,
# punctuation or a leading "The", so "L.A. Times", "LA Times" and "LATimes" are one entry.
_OUTLETS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("reuters", "Reuters", ("Thomson Reuters",)),
    ("ap", "Associated Press", ("AP", "AP News", "The Associated Press")),
    ("afp", "Agence France-Presse", ("AFP",)),
    ("bbc", "BBC", ("BBC News", "British Broadcasting Corporation")),
    ("cnn", "CNN", ()),
    ("nytimes", "The New York Times", ("NYTimes", "NYT", "New York Times", "NY Times")),
    ("washingtonpost", "The Washington Post", ("WaPo", "Washington Post", "WashPost")),
    ("wsj", "The Wall Street Journal", ("WSJ", "Wall Street Journal")),
    ("latimes", "Los Angeles Times", ("LATimes", "LA Times", "L.A. Times")),
    ("aljazeera", "Al Jazeera", ("AlJazeera", "Al-Jazeera", "Al Jazeera English")),
    ("lemonde", "Le Monde", ()),
    ("lefigaro", "Le Figaro", ()),
    ("guardian", "The Guardian", ("Guardian",)),
    ("bloomberg", "Bloomberg", ("Bloomberg News",)),
    ("ft", "Financial Times", ("FT",)),
    ("economist", "The Economist", ()),
    ("haaretz", "Haaretz", ()),
    ("timesofisrael", "The Times of Israel", ("Times of Israel", "ToI")),
    ("jpost", "The Jerusalem Post", ("Jerusalem Post", "JPost")),
    ("ynet", "Ynet", ("Ynetnews", "Ynet News")),
    ("dw", "Deutsche Welle", ("DW",)),
    ("dpa", "Deutsche Presse-Agentur", ("dpa",)),
    ("spiegel", "Der Spiegel", ("Spiegel",)),
    ("npr", "NPR", ("National Public Radio",)),
    ("abcnews", "ABC News", ()),
    ("cbsnews", "CBS News", ("CBS",)),
    ("nbcnews", "NBC News", ("NBC",)),
    ("foxnews", "Fox News", ()),
    ("usatoday", "USA Today", ()),
    ("politico", "Politico", ()),
    ("axios", "Axios", ()),
    ("thehill", "The Hill", ()),
    ("independent", "The Independent", ()),
    ("telegraph", "The Telegraph", ("Daily Telegraph",)),
    ("skynews", "Sky News", ()),
    ("france24", "France 24", ()),
    ("euronews", "Euronews", ()),
    ("elpais", "El País", ("El Pais",)),
    ("alarabiya", "Al Arabiya", ()),
    ("arabnews", "Arab News", ()),
    ("anadolu", "Anadolu Agency", ("Anadolu", "AA")),
    ("xinhua", "Xinhua", ()),
    ("tass", "TASS", ()),
    ("kyivindependent", "The Kyiv Independent", ("Kyiv Independent",)),
    ("scmp", "South China Morning Post", ("SCMP",)),
    ("timesofindia", "The Times of India", ("Times of India",)),
    ("yonhap", "Yonhap", ("Yonhap News Agency",)),
    ("kyodo", "Kyodo News", ("Kyodo",)),
    ("nikkei", "Nikkei Asia", ("Nikkei",)),
)


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one string, which reads better than a list of quoted words."""
    return frozenset(words.split())


def compact_name(name: str) -> str:
    """'The L.A. Times' -> 'latimes': the form outlet spellings are compared in."""
    text = name.strip().casefold()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[\W_]+", "", text)


OUTLET_BY_SPELLING: dict[str, tuple[str, str]] = {
    compact_name(spelling): (key, name)
    for key, name, others in _OUTLETS
    for spelling in (key, name, *others)
}


def normalise_outlet(name: str) -> tuple[str, str]:
    """An outlet's source key and the name readers know it by.

    Args:
        name: The outlet as an article names it: "LATimes", "REUTERS", "the Harbour Ledger".

    Returns:
        ``(key, name)``: ("latimes", "Los Angeles Times") for outlets in the table; an unknown
        outlet keeps its spelling (a leading lowercase "the" becomes "The") and gets a slug key
        without the article: ("harbour-ledger", "The Harbour Ledger").
    """
    name = " ".join(name.split()).strip(" ,;:.")
    known = OUTLET_BY_SPELLING.get(compact_name(name))
    if known:
        return known
    if name.startswith("the "):
        name = "The " + name[4:]
    key = slugify(re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)) or "source"
    return key, name


# Words that make an unknown name look like a publication, or like the bodies articles quote.
_PUBLICATION_WORDS = word_set(
    """times post news journal gazette herald courier ledger tribune daily press chronicle
    guardian observer telegraph independent mail express standard star sun mirror globe review
    monitor record inquirer examiner today radio tv television broadcasting broadcaster wire
    magazine weekly voice echo dispatch bulletin register courant sentinel reporter insider
    media network channel agency newspaper gazzetta zeitung tageblatt dagblad avisen"""
)
_INSTITUTION_WORDS = word_set(
    """ministry ministries department office police army forces force government authority
    authorities council committee court bank fund commission service hospital university
    institute officials official spokesperson spokesman spokeswoman sources witnesses
    statement report data survey residents doctors union"""
)
NAME_PARTICLES = word_set("of the de la le du des di da del der den van von al el")


def is_outlet(name: str) -> bool:
    """Whether a name after 'according to' is an outlet (rather than a ministry or a person)."""
    if compact_name(name) in OUTLET_BY_SPELLING:
        return True
    words = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).split()
    if not 1 <= len(words) <= 6:
        return False
    lowered = [w.casefold().strip("’'.") for w in words]
    if any(w in _INSTITUTION_WORDS for w in lowered):
        return False
    capitalised = all(w[:1].isupper() or w.casefold() in NAME_PARTICLES for w in words)
    return capitalised and any(w in _PUBLICATION_WORDS for w in lowered)

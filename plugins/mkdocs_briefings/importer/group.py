"""A day's reading -> groups of articles on the same event, by the words they share.

Articles are compared as TF-IDF vectors (words that are frequent in one article and rare in
the others weigh most: the names of the people and places of its event) and grouped by
agglomerative clustering on cosine distance, with average linkage: an article joins a group
when it is, on average, alike enough to every article already in it.

Why scikit-learn: it is maintained, ships wheels, and its TF-IDF and clustering are the
textbook method for a few hundred documents, exact and deterministic. datasketch's MinHash LSH
needs numpy and scipy as well (most of the install size) and estimates word-set overlap, which
is noisy on articles of a few hundred words that tell one event in different words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .draft import Draft

MIN_SIMILARITY = 0.3
"""How alike (cosine of TF-IDF vectors, 0-1) articles must be, on average, to be grouped.

Why 0.3: on the 181 pages of the public extraction benchmark (news of November 2019 from many
outlets, several events told by 2-4 of them), 0.3 makes 24 groups of which about 17 are one
event each (the plague cases in China, Sweden and Assange, the 'feather duvet lung', NASA's
lunar landers...) and the rest one topic (Apple laptops, trade tariffs); 0.25 adds 6 groups and
0.15 17 more, nearly all of one topic only (car shows, tennis, hockey). In the test folder the
articles on one event score 0.26-0.61 with each other, 0.00-0.04 with the others' articles;
the loosest event (0.26 and 0.43 to the third) still averages 0.35."""

GROUP_HINT = "grouping needs scikit-learn: pip install 'mkdocs-briefings[group]'"


def draft_text(draft: Draft) -> str:
    """What an article is compared by: its headline and its body's text (TODOs left out)."""
    data = draft.data
    parts = [str(data.get("title", ""))]
    for block in data.get("body", []):
        parts.append(str(block.get("paragraph", block.get("quote", ""))))
    return "\n".join(part for part in parts if part and not part.startswith("TODO:"))


def group_texts(texts: Sequence[str], *, min_similarity: float = MIN_SIMILARITY) -> list[list[int]]:
    """Group texts about the same event.

    Args:
        texts: One text per article.
        min_similarity: How alike (0-1) articles must be, on average, to share a group.

    Returns:
        Groups of indices into ``texts``, each in ascending order, the groups ordered by their
        first member; every index is in exactly one group (an article alone is a group of one).

    Raises:
        ImportError: without scikit-learn (see `GROUP_HINT`).
    """
    if len(texts) < 2:
        return [[i] for i in range(len(texts))]
    # Slow to import (a second); only grouping needs them. scikit-learn ships no type hints.
    from sklearn.cluster import AgglomerativeClustering  # type: ignore[import-untyped]
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, strip_accents="unicode")
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no words at all (only stop words, or empty texts): nothing to compare
        return [[i] for i in range(len(texts))]
    # A text without a single counted word has no direction to compare: it stands alone.
    worded = [i for i in range(len(texts)) if matrix[i].nnz]
    labels: dict[int, int] = {}
    if len(worded) >= 2:
        rows = matrix[worded]
        # TF-IDF rows are unit vectors: their products are the cosines. Why precomputed: the
        # clustering's own cosine needs dense rows (articles x vocabulary), 8 s for 181 pages.
        distances = (1.0 - (rows @ rows.T).toarray()).clip(min=0.0)
        clustering = AgglomerativeClustering(
            n_clusters=None,
            metric="precomputed",
            linkage="average",
            distance_threshold=1.0 - min_similarity,
        )
        found = clustering.fit_predict(distances)
        labels = {i: int(label) for i, label in zip(worded, found, strict=True)}
    groups: dict[object, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(labels.get(i, ("alone", i)), []).append(i)
    return sorted(groups.values(), key=lambda members: members[0])


def group_drafts(
    drafts: Sequence[Draft], *, min_similarity: float = MIN_SIMILARITY
) -> list[list[int]]:
    """Group drafts about the same event (see `group_texts`), by their headline and text."""
    return group_texts([draft_text(d) for d in drafts], min_similarity=min_similarity)

"""Line rules applied after extraction: phrase packs per language plus a few structural rules.

A document's text is a list of lines (paragraphs, headings, list items). Each rule looks at one
line, sometimes with its neighbours, and the line either stays or goes with the rule's name.
Phrase rules live in `configs/rules/*.yaml`; the structural rules below are language-independent.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import groupby
from pathlib import Path

import re2
import yaml

from boilerstrip.pipeline.config import ConfigError, RulesConfig
from boilerstrip.transforms.record import Document, Removal

ANY_LANGUAGE = "any"
# Structural rules, by name; switch them off with `rules.disabled` like any phrase rule.
TITLE_LINE = "title-line"
REPEATED_LINE = "repeated-line"
CAPTION_LINE = "caption-line"
REPEATED_BLOCK = "repeated-block"
STRUCTURAL_RULES = (TITLE_LINE, REPEATED_LINE, CAPTION_LINE, REPEATED_BLOCK)

_WORD = re.compile(r"\w+")
# A line ends like a sentence (trailing spaces aside) with a full stop, question, exclamation, colon,
# or closing quote/bracket.
_SENTENCE_END = tuple('.!?…:;。！？"”’»)]')
_CAPTION_WORDS = (5, 20)
# This many caption-shaped lines in a row are the rows of a table or a list (a schedule, a
# catalogue index), not captions: a caption stands alone, or with one more under it.
_CAPTION_RUN = 3
_PARAGRAPH_WORDS = 10
# A run of at least this many lines and characters, repeated line for line further down, is the
# page laid out twice (a desktop and a mobile copy, a print copy, tabs that hold the same text).
# Chosen on all three dev sets: at 2,000 characters it changed five wcxb-dev pages, all for the
# better, and no AEB page; at 1,500 it cut one of a meal plan's days that repeat another's.
_BLOCK_LINES = 3
_BLOCK_CHARS = 2000


@dataclass(frozen=True)
class PhraseRule:
    name: str
    note: str
    patterns: tuple[str, ...]
    max_words: int | None = None


@dataclass(frozen=True)
class RulePack:
    language: str
    rules: tuple[PhraseRule, ...]
    source: str


def _builtin_pack_paths() -> list[Path]:
    folder = resources.files("boilerstrip.configs") / "rules"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_pack(path: Path) -> RulePack:
    """A rule pack from YAML; ConfigError naming the file and rule when anything is off."""
    try:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read rule pack: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("language"), str):
        raise ConfigError(f"{path}: a rule pack needs a 'language' key (a code such as en, or 'any')")
    if set(raw) - {"language", "rules"}:
        raise ConfigError(f"{path}: unknown key(s) {sorted(set(raw) - {'language', 'rules'})}")
    rules = []
    for index, entry in enumerate(raw.get("rules") or []):
        where = f"{path}: rule {index}"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ConfigError(f"{where}: each rule needs a 'name'")
        where = f"{path}: rule '{entry['name']}'"
        unknown = set(entry) - {"name", "note", "patterns", "max_words"}
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}")
        if not isinstance(entry.get("note"), str) or not entry["note"].strip():
            raise ConfigError(f"{where}: needs a 'note' saying why the rule exists")
        patterns = entry.get("patterns")
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
            raise ConfigError(f"{where}: 'patterns' must be a non-empty list of strings")
        max_words = entry.get("max_words")
        if max_words is not None and (not isinstance(max_words, int) or max_words < 1):
            raise ConfigError(f"{where}: 'max_words' must be a positive integer")
        for pattern in patterns:
            _compile(pattern, where)
            _check_boundaries(pattern, where)
        rules.append(PhraseRule(entry["name"], entry["note"].strip(), tuple(patterns), max_words))
    return RulePack(raw["language"], tuple(rules), str(path))


_RE2_OPTIONS = re2.Options()
# The joined per-language regex needs more than RE2's default 8 MB of DFA cache to stay fast.
_RE2_OPTIONS.max_mem = 64 << 20
# Rules only ask whether a line matches, and without capture groups RE2 answers that several
# times faster (it need not run a submatch engine after the DFA). Packs are validated as written.
_MATCH_OPTIONS = re2.Options()
_MATCH_OPTIONS.max_mem = _RE2_OPTIONS.max_mem
_MATCH_OPTIONS.never_capture = True


def _check_boundaries(pattern: str, where: str) -> None:
    """RE2's `\\b` knows only ASCII letters, so `illimité\\b` does not match where the word ends, nor
    `\\bétape` where it starts: a rule that silently never fires. Refuse it, naming the fix."""
    for index in (m.start() for m in re.finditer(r"\\b", pattern)):
        if _non_ascii_letter(_edge_letters(pattern, index, before=True)) or _non_ascii_letter(
            _edge_letters(pattern, index + 2, before=False)
        ):
            raise ConfigError(
                f"{where}: pattern {pattern!r} has \\b next to a non-ASCII letter, where RE2's \\b "
                "(ASCII only) never matches; write (\\W|$) after the word or (^|\\W) before it instead"
            )


def _edge_letters(pattern: str, index: int, before: bool) -> list[str]:
    """The characters next to position `index` on one side: one character, or each first (last)
    character of the alternatives of a group that starts (ends) there."""
    if before:  # mirrored, the group that ends at `index` starts the text
        return _leading_letters(pattern[:index][::-1].translate(_MIRROR))
    return _leading_letters(pattern[index:])


_MIRROR = str.maketrans("()", ")(")


def _leading_letters(text: str) -> list[str]:
    if not text or text[0] != "(":
        return list(text[:1])
    depth = end = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            break
        end += 1
    return [alt[0] for alt in _alternatives(text[1:end]) if alt]


def _alternatives(group: str) -> list[str]:
    """A group's top-level alternatives, without a leading `?:`."""
    group = group.removeprefix("?:")
    alternatives, depth, current = [], 0, ""
    for char in group:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            alternatives.append(current)
            current = ""
        else:
            current += char
    return [*alternatives, current]


def _non_ascii_letter(chars: list[str]) -> bool:
    return any(not c.isascii() and c.isalpha() for c in chars)


def _compile(pattern: str, where: str, options: re2.Options = _RE2_OPTIONS):
    try:
        return re2.compile(f"(?i){pattern}", options)
    except re2.error as exc:
        raise ConfigError(f"{where}: invalid RE2 pattern {pattern!r}: {exc}") from exc


@dataclass(frozen=True)
class _CompiledRule:
    name: str
    regex: object
    max_words: int | None


@dataclass(frozen=True)
class PhraseRules:
    """The phrase rules for one set of languages, plus one regex that any of them would match.

    Most lines match no rule; the joined regex answers that with one search instead of one per
    rule, and only lines it matches are checked rule by rule.
    """

    rules: tuple[_CompiledRule, ...]
    any_rule: object


@dataclass(frozen=True)
class TextRules:
    """Compiled rules by language; built once per worker from the config (see `text_rules_for`)."""

    by_language: dict
    disabled: frozenset
    patterns: dict
    # Joined rules per language combination, filled as documents ask for them.
    _joined: dict = field(default_factory=dict, repr=False, compare=False)

    def for_languages(self, languages: Iterable[str]) -> PhraseRules:
        """`any` rules, then each language's, in the order given (most likely first)."""
        key = tuple(dict.fromkeys(languages))
        found = self._joined.get(key)
        if found is None:
            if len(self._joined) > 1024:  # a bound, whatever mix of languages a corpus has
                self._joined.clear()
            found = self._joined[key] = self._join(key)
        return found

    def _join(self, languages: tuple[str, ...]) -> PhraseRules:
        rules, patterns = self.by_language.get(ANY_LANGUAGE, ()), list(self.patterns.get(ANY_LANGUAGE, ()))
        for language in languages:
            rules += self.by_language.get(language, ())
            patterns += self.patterns.get(language, ())
        joined = "|".join(f"(?:{p})" for p in patterns)
        any_rule = _compile(joined, "joined rules", _MATCH_OPTIONS) if patterns else None
        return PhraseRules(rules, any_rule)

    def enabled(self, name: str) -> bool:
        return name not in self.disabled


def load_packs(settings: RulesConfig) -> list[RulePack]:
    """Built-in packs plus the user's, validated; used at start-up so errors come before work."""
    return [load_pack(path) for path in _builtin_pack_paths()] + [load_pack(Path(p)) for p in settings.packs]


@lru_cache(maxsize=8)
def text_rules_for(settings: RulesConfig) -> TextRules:
    """Compiles every pattern once per process; rules sharing a name are joined into one regex."""
    grouped: dict[str, dict[str, list]] = {}
    for pack in load_packs(settings):
        for rule in pack.rules:
            if rule.name in settings.disabled:
                continue
            entry = grouped.setdefault(pack.language, {}).setdefault(rule.name, [rule.max_words, []])
            entry[1].extend(rule.patterns)
    by_language = {
        language: tuple(
            _CompiledRule(
                name, _compile("|".join(f"(?:{p})" for p in patterns), name, _MATCH_OPTIONS), max_words
            )
            for name, (max_words, patterns) in sorted(rules.items())
        )
        for language, rules in grouped.items()
    }
    patterns = {
        language: tuple(p for _, (_, rule_patterns) in sorted(rules.items()) for p in rule_patterns)
        for language, rules in grouped.items()
    }
    return TextRules(by_language, frozenset(settings.disabled), patterns)


def _words(line: str) -> int:
    return len(line.split())


# Line shapes are asked for again on every pass of the fixpoint loop, and a site's repeated lines
# recur across its pages; the caches make both answers a dictionary lookup. Small, because most
# lines are unique to their page: a big cache only fills up with article text.
_LINE_CACHE = 4096


def comparable(text: str) -> str:
    """Lowercase words and nothing else: lines compared whatever their spacing and punctuation."""
    return " ".join(_WORD.findall(text.lower()))


_comparable = lru_cache(maxsize=_LINE_CACHE)(comparable)


def _lower_words(line: str) -> list[str]:
    """The words of `line` in lower case; split from the cached key (no word character is a space)."""
    return _comparable(line).split()


def ends_like_sentence(line: str) -> bool:
    return line.rstrip().endswith(_SENTENCE_END)


@lru_cache(maxsize=_LINE_CACHE)
def is_paragraph(line: str) -> bool:
    """Prose: long enough and ending like a sentence."""
    return ends_like_sentence(line) and _words(line) >= _PARAGRAPH_WORDS


def _mostly_capitals(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


@lru_cache(maxsize=_LINE_CACHE)
def is_caption_shaped(line: str) -> bool:
    """A headline-like line: a few words, no sentence ending, starting like a title.

    Not a list item, table row or attribution (leading dash), not a wrapped sentence fragment
    (lowercase start, trailing comma), not all capitals (kickers and subheads on many sites), and
    not a spoken sentence that lost its full stop (a clause after a comma).
    """
    low, high = _CAPTION_WORDS
    stripped = line.strip()
    # The ending first: it is cheaper than a word count, and with is_paragraph testing the ending
    # first too, each line is split into words by only one of the two.
    return (
        not ends_like_sentence(stripped)
        and low <= _words(stripped) <= high
        and not stripped.endswith((",", "-", "–", "—", "|"))
        and not stripped.startswith(("-", "*", "•", "|", "—", "–"))
        and not stripped[0].islower()
        and not _mostly_capitals(stripped)
        and not _clause_after_comma(stripped)
    )


def _labelled(line: str) -> bool:
    """A label and its value ("Lisbon: November 9-12", "LANIUS – Fair knitwear"), a table cell
    run ("A | B") or a numbered or arrowed list entry ("1. Fixed platforms", "» See our guide"):
    a list item that lost its bullet, not a floating caption. On the dev sets these were the
    article's own lines far more often."""
    stripped = line.strip()
    if ":" in stripped or "|" in stripped or " – " in stripped or " — " in stripped:
        return True
    return stripped[:1].isdigit() or stripped.startswith((">", "»", "›"))


def _clause_after_comma(line: str) -> bool:
    """`..., this is our island` reads as speech; headlines put a name after a comma, if anything."""
    return any(part[:1].islower() for part in line.split(", ")[1:])


def _in_runs(flags: list[bool], length: int) -> list[bool]:
    """For each position, whether it lies in a run of at least `length` consecutive True flags."""
    marked: list[bool] = []
    for flag, group in groupby(flags):
        size = len(list(group))
        marked += [flag and size >= length] * size
    return marked


def phrase_rule_hit(line: str, phrase_rules: PhraseRules) -> str | None:
    """Name of the first phrase rule that matches `line`, or None."""
    if phrase_rules.any_rule is None or not phrase_rules.any_rule.search(line):
        return None
    words = _words(line)
    for rule in phrase_rules.rules:
        if rule.max_words is not None and words > rule.max_words:
            continue
        if rule.regex.search(line):
            return rule.name
    return None


def _title_case(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _repeats_title(line: str, title_words: set[str]) -> bool:
    """The headline, possibly with the site name or a kicker added or cut off.

    A line ending in a full stop is a sentence; it must match the title word for word (a lead
    sentence often reuses the headline's words).
    """
    words = _lower_words(line)
    if len(words) < 2 or not title_words:
        return False
    if line.rstrip("”’\"' ").endswith("."):
        return set(words) == title_words
    shared = sum(word in title_words for word in words)
    return shared >= 0.8 * len(words) and shared >= 0.6 * len(title_words)


def _shares_title_words(line: str, title_words: set[str], needed: int = 2) -> bool:
    return len({w for w in _lower_words(line) if len(w) > 2} & title_words) >= needed


def repeated_blocks(lines: list[str]) -> list[int]:
    """Indexes of lines that repeat, line for line, a run of `_BLOCK_LINES` lines and
    `_BLOCK_CHARS` characters or more that came earlier in the text.

    Linear in the lines: each line points to the last earlier line equal to it, and a copied run
    is a stretch of lines whose pointers step along with them (its source ends before it starts).
    """
    last: dict[str, int] = {}
    source = []
    for index, line in enumerate(lines):
        key = line.strip()
        source.append(last.get(key))
        last[key] = index
    copied: list[int] = []
    start = 0
    while start < len(lines):
        end = start
        if source[start] is not None:
            origin = source[start]
            while end < len(lines) and source[end] == origin + (end - start) and source[end] < start:
                end += 1
        chars = sum(len(lines[i].strip()) for i in range(start, end))
        if end - start >= _BLOCK_LINES and chars >= _BLOCK_CHARS:
            copied.extend(range(start, end))
        start = max(end, start + 1)
    return copied


def structural_hits(
    lines: list[str], title: str, headings: frozenset[str], rules: TextRules, from_html: bool = False
) -> dict[int, str]:
    """Line index → structural rule name for lines that are not article text by their position.

    - title-line: the headline repeated at the top of the text (it is kept in the `title` field),
      also when a site name or kicker was added to or cut from it, and a headline-shaped first
      line above the first paragraph.
    - repeated-line: a line seen twice in one document. Caption-shaped repeats all go (a video
      title shown above and inside the body); a repeated paragraph keeps its first occurrence
      (a pull quote repeating the text goes).
    - caption-line: a caption-shaped line standing between two paragraphs (or a paragraph and a
      subheading), or before the first paragraph, that extraction did not mark as a heading
      (video titles dropped into the body); in text from HTML only Title Case lines qualify,
      and never in a run of three or more (a table's rows).
    - repeated-block: a long run of lines that repeats an earlier run line for line (the page's
      text laid out twice); the first copy stays.
    """
    hits: dict[int, str] = {}
    if rules.enabled(REPEATED_BLOCK):
        hits.update((index, REPEATED_BLOCK) for index in repeated_blocks(lines))
    title_words = set(_lower_words(title))
    paragraphs = [is_paragraph(line) for line in lines]
    first_paragraph = paragraphs.index(True) if True in paragraphs else len(lines)
    if rules.enabled(TITLE_LINE) and title_words:
        for index, line in enumerate(lines[:3]):
            if _repeats_title(line, title_words):
                hits[index] = TITLE_LINE
        # A headline-shaped first line above the text is a headline even when it is worded
        # differently from the page title (sites often give the two different wordings). A
        # heading that goes on after a comma in lower case ("..., doch am Ende ...") is a
        # standfirst under the headline, which is article text.
        first = lines[0] if lines else ""
        headline_shaped = (first.strip() in headings and not _clause_after_comma(first)) or (
            is_caption_shaped(first) and ". " not in first
        )
        if (
            0 not in hits
            and first_paragraph > 0
            and headline_shaped
            and _shares_title_words(first, title_words)
        ):
            hits[0] = TITLE_LINE
    if rules.enabled(REPEATED_LINE):
        keys = [_comparable(line) for line in lines]
        counts = Counter(k for k in keys if k)
        repeated = [bool(key) and counts[key] > 1 for key in keys]
        seen: set[str] = set()
        for index, line in enumerate(lines):
            key = keys[index]
            if not repeated[index] or index in hits:
                continue
            # A run of repeated lines is a repeated section (pagination, a quoted block), and a
            # line seen many times is a refrain (the same interview question to each guest); a
            # lone line seen twice is a caption or a pull quote.
            alone = not (index > 0 and repeated[index - 1]) and not (
                index + 1 < len(lines) and repeated[index + 1]
            )
            caption = is_caption_shaped(line) and line.strip() not in headings
            pull_quote = (
                key in seen
                and counts[key] == 2
                and _words(line) >= 8
                and not line.startswith(("—", "–", "-"))
            )
            if alone and (caption or pull_quote):
                hits[index] = REPEATED_LINE
            seen.add(key)
    if rules.enabled(CAPTION_LINE):
        shaped = [is_caption_shaped(line) and line.strip() not in headings for line in lines]
        in_run = _in_runs(shaped, _CAPTION_RUN)
        for index, line in enumerate(lines):
            if index in hits or not shaped[index] or in_run[index]:
                continue
            # In extracted HTML a sentence-case line may be a subheading extraction did not tag;
            # only Title Case lines count there. Plain-text records have no markup to go by.
            if from_html and not _title_case(line):
                continue
            if _labelled(line):
                continue
            before_text = index < min(first_paragraph, 3)
            after = index + 1
            next_is_text = after < len(lines) and (paragraphs[after] or lines[after].strip() in headings)
            between = index > 0 and paragraphs[index - 1] and next_is_text
            if before_text or between:
                hits[index] = CAPTION_LINE
    return hits


def clean_lines(
    lines: list[str],
    languages: Iterable[str],
    title: str,
    headings: frozenset[str],
    rules: TextRules,
    from_html: bool = False,
    phrases: bool = True,
) -> tuple[list[str], list[tuple[str, str]]]:
    """(kept lines, [(rule, removed line), ...]) for one document's lines.

    `phrases=False` runs only the structural rules (for repeat passes: phrase rules look at one
    line alone, so a line they kept once they keep again).
    """
    phrase_rules = rules.for_languages(languages)
    hits = structural_hits(lines, title, headings, rules, from_html)
    kept, removed = [], []
    for index, line in enumerate(lines):
        # A phrase rule names the kind of boilerplate more precisely than a structural one.
        rule = (phrases and phrase_rule_hit(line, phrase_rules)) or hits.get(index)
        if rule:
            removed.append((rule, line))
        else:
            kept.append(line)
    return kept, removed


def apply_text_rules(doc: Document, settings: RulesConfig) -> tuple[Document, list[Removal]]:
    """The document with boilerplate lines removed, and what went, for the audit and counts."""
    if not settings.text_rules:
        return doc, []
    text = doc.text or ""
    lines = [line for line in text.split("\n") if line.strip()]
    languages = (doc.language, *doc.language_candidates)
    rules = text_rules_for(settings)
    kept, removed = lines, []
    # Removing a line can expose the next one (a second caption under the first); repeating until
    # nothing changes makes the rules idempotent: cleaning clean text changes nothing.
    headings = frozenset(doc.headings)
    while True:
        first_pass = not removed
        kept, newly = clean_lines(
            kept, languages, doc.title, headings, rules, doc.from_html, phrases=first_pass
        )
        removed += newly
        if not newly:
            break
    if not removed:
        return doc, []
    # Plain-text inputs separate paragraphs with a blank line; keep whichever layout came in.
    text = ("\n\n" if "\n\n" in text else "\n").join(kept)
    return dataclasses.replace(doc, text=text), [Removal(doc.id, rule, line) for rule, line in removed]

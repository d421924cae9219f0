"""Export segmentation rules as SRX 2.0, the rule format OmegaT and other CAT tools import.

The rules are already written in a regex subset Java understands (see text/segment_rules.py),
so each rule is exported verbatim; the abbreviation list becomes one no-break rule at its place
in the order. SRX has no rule names, so names travel as XML comments.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from tmbuilder.errors import InputError
from tmbuilder.formats.atomic import atomic_binary
from tmbuilder.text.segment_rules import SegmentationRules

SRX_NAMESPACE = "http://www.lisa.org/srx20"
LANGUAGE_RULE_NAME = "Vietnamese (tmbuilder)"


def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{SRX_NAMESPACE}}}{tag}", attrs)


def _comment_text(text: str) -> str:
    # "--" may not appear inside an XML comment, nor may one end in "-".
    return " " + text.replace("--", "- -").rstrip("-") + " "


def srx_document(
    rules: SegmentationRules,
    language_pattern: str = "vi.*",
    others: Sequence[tuple[str, str, SegmentationRules]] = (),
) -> bytes:
    """The rules as an SRX 2.0 document (UTF-8 bytes), mapped to `language_pattern`.

    `others` adds one languagerule per (name, language pattern, rules), after the first one, each
    with its own languagemap (e.g. the English rules for `en.*`). Raises ValueError if a pattern
    holds a character XML cannot carry (e.g. a raw control char); write such characters as regex
    escapes (`\\x01`) instead.
    """
    languages = [(LANGUAGE_RULE_NAME, language_pattern, rules), *others]
    # Parsed rather than built so the namespace is the default one (no `ns0:` prefixes).
    root = etree.fromstring(f'<srx xmlns="{SRX_NAMESPACE}" version="2.0"/>'.encode())
    root.append(etree.Comment(_comment_text(f"tmbuilder segmentation rules {rules.fingerprint()}")))
    # cascade="no": each language rule already holds every rule of its language in order, and
    # OmegaT applies the first matching languagemap only.
    header = _el(root, "header", segmentsubflows="yes", cascade="no")
    _el(header, "formathandle", type="start", include="no")
    _el(header, "formathandle", type="end", include="yes")
    _el(header, "formathandle", type="isolated", include="no")
    body = _el(root, "body")
    languagerules = _el(body, "languagerules")
    for name, _pattern, language_rules in languages:
        language_rule = _el(languagerules, "languagerule", languagerulename=name)
        _add_rules(language_rule, language_rules)
    maprules = _el(body, "maprules")
    for name, pattern, _rules in languages:
        _el(maprules, "languagemap", languagepattern=pattern, languagerulename=name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _add_rules(language_rule: etree._Element, rules: SegmentationRules) -> None:
    for rule in rules.effective_rules():
        try:
            if rule.name:
                language_rule.append(etree.Comment(_comment_text(rule.name)))
            element = _el(language_rule, "rule", **{"break": "yes" if rule.is_break else "no"})
            _el(element, "beforebreak").text = rule.before
            _el(element, "afterbreak").text = rule.after
        except ValueError:
            raise ValueError(
                f"segmentation rule {rule.name or rule.before!r}: "
                "it holds a character XML cannot carry; write it as a regex escape"
            ) from None


def write_srx(
    rules: SegmentationRules,
    path: Path,
    others: Sequence[tuple[str, str, SegmentationRules]] = (),
) -> None:
    """Write `srx_document(rules, others=others)` to `path` atomically (temp file beside it +
    os.replace).

    Raises InputError naming the path when it cannot be written or the rules cannot be exported.
    """
    try:
        data = srx_document(rules, others=others)
    except ValueError as exc:
        raise InputError(str(path), str(exc)) from None
    with atomic_binary(Path(path)) as handle:
        handle.write(data)

"""The message catalogue: both languages say the same things, and every finding the examples
produce has words in both."""

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from debtcli.messages import CATALOGUES, NAMES, say
from debtcli.model.findings import text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if (p / "case.toml").exists())
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_both_languages_have_the_same_keys():
    assert set(CATALOGUES["zh"]) == set(CATALOGUES["en"])
    for table in NAMES["en"]:
        assert set(NAMES["en"][table]) <= set(NAMES["zh"][table]), table


def test_the_english_catalogue_has_no_chinese_and_the_chinese_one_no_english_sentences():
    for key, entry in CATALOGUES["en"].items():
        if isinstance(entry, str):
            assert not HAN.search(entry), key
    not_words = {"list_sep", "words.claim.end", "words.claim.last",  # punctuation
                 "words.statement.sha256", "summary.sha256"}  # the name of the hash, a code
    for key, entry in CATALOGUES["zh"].items():
        if isinstance(entry, str) and key not in not_words:
            assert HAN.search(entry), key


def test_a_text_is_put_into_words_at_render_time():
    t = text("basis.contract.rate", rate="24%")
    assert say(t, "en") == "contract: rate 24%"
    assert say(t, "zh") == "合同约定：利率 24%"


def quoted_input(folder: Path) -> list[str]:
    """Every string of case.toml: text quoted from the input may be in any language."""
    out = []

    def walk(x):
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(tomllib.loads((folder / "case.toml").read_text(encoding="utf-8")))
    return sorted(out, key=len, reverse=True)


def without(s: str, quoted: list[str]) -> str:
    for q in quoted:
        s = s.replace(q, "")
    return s


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_finding_of_the_examples_in_both_languages(run_cli, example):
    for lang in ("zh", "en"):
        code, out, err = run_cli("verify", str(example), "--format", "json", "--lang", lang)
        assert code in (0, 1), err
        rep = json.loads(out)
        assert rep["findings"], "the examples all have findings"
        for f in rep["findings"]:
            assert f["message"] == f["message_" + lang] and f["basis"] == f["basis_" + lang]
            assert HAN.search(f["message_zh"]), f["message_zh"]
            assert HAN.search(f["basis_zh"]), f["basis_zh"]
            assert not HAN.search(without(f["message_en"], quoted_input(example))), f["message_en"]
            assert not HAN.search(f["basis_en"]), f["basis_en"]


def test_a_language_is_loaded_when_first_asked_for():
    """In a new process a sentence in Chinese loads the Chinese catalogue alone; English comes when
    first asked for, with its own words."""
    code = ("import sys\n"
            "from debtcli.messages import CATALOGUES, say\n"
            "zh = say('basis.contract.rate', 'zh', rate='24%')\n"
            "loaded = sorted(m for m in sys.modules if m.startswith('debtcli.messages.'))\n"
            "en = say('basis.contract.rate', 'en', rate='24%')\n"
            "print(zh, loaded, en, sorted(CATALOGUES), 'fr' in CATALOGUES, sep='|')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                         env={**os.environ, "PYTHONIOENCODING": "utf-8"}, check=True).stdout.strip()
    assert out == "合同约定：利率 24%|['debtcli.messages.zh']|contract: rate 24%|['en', 'zh']|False"

"""The terms loader's shortcuts give what its general readers give: a plain amount, a plain
2024-01-05 date and a rate read again come out as the full parsers make them, and a text that is
not one gets the same error."""

from hypothesis import given, settings, strategies as st

from debtcli.model.money import ParseError, parse_amount
from debtcli.terms import loader
from debtcli.terms.loader import _money, _parse_rate_spec, parse_date, parse_rate_spec

AMOUNT_CHARS = "0123456789.,-+ ()１２．元¥٣"
DATE_CHARS = "0123456789-/. 年月日"
RATE_TEXTS = ["5%", "5.15%", " 24% ", "+50%", "2%/month", "0.05%/day", "LPR+0.5%", "4×LPR", "24", "", "abc",
              "月息2分", "10000%", "-1%", "+5%/month"]


def _outcome(f, *args):
    try:
        return "ok", f(*args)
    except (ParseError, ValueError, TypeError, ArithmeticError) as exc:
        return type(exc).__name__, str(exc)


def _general_date(text):
    return loader.check_date_range(_general_parse_date(text))


class _Text(str):
    """A text that is not exactly a str: the shortcuts leave it to the general path."""


def _general_parse_date(text):
    return loader._parse_date(_Text(text))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(AMOUNT_CHARS, max_size=20), st.from_regex(r"[0-9]{1,18}(\.[0-9]{1,4})?", fullmatch=True)))
def test_an_amount_reads_as_the_full_parser_reads_it(text):
    assert _outcome(_money, text) == _outcome(parse_amount, text)
    # parse_amount's own shortcut for plain digits: the text as a str subclass takes the general path
    quick, general = _outcome(parse_amount, text), _outcome(parse_amount, _Text(text))
    assert quick == general and repr(quick) == repr(general)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(DATE_CHARS, max_size=12),
                 st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
                 st.dates().map(lambda d: d.isoformat())))
def test_a_date_reads_as_the_general_pattern_reads_it(text):
    assert _outcome(parse_date, text) == _outcome(_general_date, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(RATE_TEXTS), st.booleans()), min_size=1, max_size=10))
def test_a_rate_read_again_is_the_rate_read_afresh(texts):
    for text, relative in texts:
        assert _outcome(parse_rate_spec, text, relative) == _outcome(_parse_rate_spec, text, relative)

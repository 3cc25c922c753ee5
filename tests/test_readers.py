"""Readers: every format in, clean articles out, and a bad file never stops the run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgextract.errors import InputError
from kgextract.model import Article
from kgextract.readers import iter_articles, read_file, reader_for, readers

from .conftest import ROOT, SEEDS, shared_data

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def articles(*paths) -> list[Article]:
    items = list(iter_articles(paths))
    errors = [item for item in items if isinstance(item, InputError)]
    assert not errors, errors
    return items


def only_error(path) -> str:
    items = list(iter_articles([path]))
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return str(items[0])


# --- the seed article -------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Article:
    (article,) = articles(SEEDS)
    return article


def test_seed_headline_is_its_first_line(seed):
    assert (
        seed.headline == "Ukraine Allies Back Arms and Advisers Going Deeper Into War"
    )


def test_seed_body_starts_after_the_dateline(seed):
    assert seed.body.startswith("Ukrainian allies are bolstering")
    assert seed.headline not in seed.body


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Most Read",
        "With assistance",
        "Kudrytski",
        "©",
        "Updates with",
        "Crimea Strikes",
        "Scaling Down Costs",
        "(Bloomberg)",
    ],
)
def test_seed_body_has_no_boilerplate(seed, boilerplate):
    assert boilerplate not in seed.body


def test_seed_body_keeps_every_real_paragraph(seed):
    paragraphs = seed.body.split("\n\n")
    assert len(paragraphs) == 17
    assert paragraphs[-1] == (
        "Some nations at the time suggested that sending personnel was not as urgent "
        "as Ukraine’s other needs, such as ammunition and air defense."
    )
    assert paragraphs[9].startswith("Ukrainian forces have also been intensifying")


def test_seed_source_is_the_path_and_id_the_text_hash(seed):
    assert seed.source == str(SEEDS / "000_a9412eb69c318b0a.txt")
    assert seed.id == Article.make("elsewhere.txt", seed.headline, seed.body).id


# --- hand-made fixtures, one per format ---------------------------------------------


def test_wire_story_in_plain_text():
    (article,) = articles(FIXTURES / "wire_story.txt")
    assert article.headline == "Sweden Pledges Surveillance Planes to Ukraine"
    assert article.body == (
        "Sweden pledged two surveillance aircraft to Ukraine on Wednesday, its largest "
        "military package so far, Defence Minister Pal Jonson said.\n\n"
        "The package is worth 13.3 billion crowns, the government said in a "
        "statement.\n\n"
        "Jonson said the aircraft would help Kyiv spot incoming missiles.\n\n"
        '"We will stand by Ukraine for as long as it takes," he said.\n\n'
        "Thank you."
    )
    # "Copyright 2024 Thomson Reuters": the one date the saved story keeps
    assert (article.date, article.url, article.language) == ("2024", None, None)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Body.\n\n©2024 Bloomberg L.P.", "2024"),
        ("Body.\n\n(c) 2019 The Guardian", "2019"),
        ("A 1999 ruling on copyright law.\n\nCopyright 2005 AP.", "2005"),
        ("Copyright law was changed in 2005.", None),  # no year right after it
        ("Listen: © 1820 is not a year of news.", None),
    ],
)
def test_a_copyright_line_dates_an_undated_text(text, year):
    from kgextract.readers.text import copyright_year

    assert copyright_year(text) == year


def test_markdown_headings_links_and_emphasis_are_unwrapped():
    (article,) = articles(FIXTURES / "briefing.md")
    assert article.headline == "Estonia Offers Trainers"
    assert article.body == (
        "Estonia said on Friday it was open to discuss sending military trainers to "
        "Ukraine.\n\nLithuania could follow, the prime minister said."
    )


def test_html_page_headline_is_the_article_not_the_site_name():
    (article,) = articles(FIXTURES / "page.html")
    assert (
        article.headline == "Lithuania ready to train Ukrainian troops inside Ukraine"
    )
    assert article.body == (
        "Lithuania is ready to train Ukrainian soldiers inside Ukraine in partnership "
        "with other countries, Prime Minister Ingrida Simonyte said on Friday.\n\n"
        '"If needed, we would train them also in Ukraine," Simonyte told reporters in '
        "Singapore, where she attended a regional defence forum.\n\n"
        "Estonia's defence minister said earlier this week that his government was "
        "open to discussing the possibility with its allies."
    )
    assert article.date == "2024-05-31T09:15:00+03:00"
    assert article.url == "https://planet.example.org/world/lithuania-trainers"
    assert article.language == "en-GB"
    assert article.publisher == "Daily Planet"


def test_rss_entries_become_articles_with_html_and_teasers_removed():
    first, second = articles(FIXTURES / "feed.rss")
    assert first.source == f"{FIXTURES / 'feed.rss'}#1"
    assert first.headline == "Sweden pledges surveillance planes to Ukraine"
    assert first.body == (
        "Sweden pledged two surveillance aircraft to Ukraine on Wednesday.\n\n"
        "The package is the country's largest so far."
    )
    assert first.url == "https://planet.example.org/world/sweden-planes"
    assert first.date == "2024-05-29T10:30:00Z"
    assert (first.language, first.publisher) == ("en-GB", "Planet World News")
    assert second.date == "2024-05-31T08:00:00+02:00"
    assert (
        second.body
        == "China signalled it may skip the gathering in Switzerland next month."
    )


def test_atom_entry_uses_the_full_content_over_the_summary():
    (entry,) = articles(FIXTURES / "feed.atom")
    assert entry.headline == "Schweden sagt der Ukraine Aufklärungsflugzeuge zu"
    assert entry.body == (
        "Schweden hat der Ukraine zwei Aufklärungsflugzeuge zugesagt.\n\n"
        "Es ist das größte Paket des Landes."
    )
    assert entry.date == "2024-05-29T12:30:00+02:00"
    assert entry.url == "https://planet.example.org/de/schweden"
    assert entry.language == "de"


def test_jsonl_bad_line_is_reported_and_the_good_lines_still_come_out():
    path = FIXTURES / "articles.jsonl"
    first, error, last = iter_articles([path])
    assert isinstance(first, Article) and isinstance(last, Article)
    assert (first.source, first.headline) == (f"{path}#1", "Sweden pledges planes")
    assert first.body == (
        "Sweden pledged two surveillance aircraft to Ukraine.\n\n"
        "The package is its largest so far."
    )
    assert (first.date, first.url, first.language, first.publisher) == (
        "2024-05-29",
        "https://planet.example.org/1",
        "en",
        "Daily Planet",
    )
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{path}: line 3: invalid JSON (")
    assert (last.source, last.headline) == (f"{path}#4", "China may skip summit")
    assert last.date == "2024-05-31T08:00:00+02:00"


def test_read_file_raises_at_the_first_bad_record():
    path = FIXTURES / "articles.jsonl"
    with pytest.raises(InputError, match="line 3: invalid JSON"):
        list(read_file(path))


@pytest.mark.parametrize(
    "line, cause",
    [
        ("[1, 2]", "line 1: expected a JSON object, got an array"),
        ('{"title": "No text"}', "line 1: no article text (expected one of: text,"),
        (
            "{",
            "line 1: invalid JSON (Expecting property name enclosed in double quotes",
        ),
    ],
)
def test_jsonl_line_errors_name_the_file_line_and_cause(tmp_path, line, cause):
    path = tmp_path / "feed.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    assert only_error(path).startswith(f"{path}: {cause}")


# --- dispatch ------------------------------------------------------------------------


def test_reader_registry_names_and_suffixes():
    assert readers.names() == ["text", "html", "jsonl", "feed"]
    assert ".txt" in readers.meta("text")["suffixes"]
    assert ".md" in readers.meta("text")["suffixes"]
    assert ".htm" in readers.meta("html")["suffixes"]
    assert ".ndjson" in readers.meta("jsonl")["suffixes"]
    assert ".atom" in readers.meta("feed")["suffixes"]


def test_file_without_suffix_is_sniffed(tmp_path):
    page = tmp_path / "page"
    page.write_bytes((FIXTURES / "page.html").read_bytes())
    feed = tmp_path / "feed"
    feed.write_bytes((FIXTURES / "feed.rss").read_bytes())
    text = tmp_path / "story"
    text.write_text("Headline\n\nBody text.\n", encoding="utf-8")
    (from_page,) = articles(page)
    assert from_page.headline.startswith("Lithuania ready")
    assert [a.headline for a in articles(feed)][0].startswith("Sweden pledges")
    assert [(a.headline, a.body) for a in articles(text)] == [
        ("Headline", "Body text.")
    ]


def test_directory_is_read_recursively_sorted_skipping_hidden_and_docs(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Two\n\nSecond.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("One\n\nFirst.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Three\n\nThird.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nNo.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Git\n\nNo.", encoding="utf-8")
    (tmp_path / "README.TXT").write_text("About this corpus\n\nNo.", encoding="utf-8")
    assert [a.headline for a in articles(tmp_path)] == ["One", "Two", "Three"]


def test_hidden_file_named_explicitly_is_read(tmp_path):
    path = tmp_path / ".draft.txt"
    path.write_text("Draft\n\nText.", encoding="utf-8")
    assert [a.headline for a in articles(path)] == ["Draft"]


def test_bad_file_in_a_directory_does_not_stop_the_others(tmp_path):
    (tmp_path / "1.txt").write_text("One\n\nFirst.", encoding="utf-8")
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.txt").write_text("Three\n\nThird.", encoding="utf-8")
    items = list(iter_articles([tmp_path]))
    assert [type(item).__name__ for item in items] == [
        "Article",
        "InputError",
        "Article",
    ]
    assert str(items[1]) == f"{tmp_path / '2.txt'}: empty file"


def test_a_reader_that_breaks_fails_its_file_only(tmp_path, monkeypatch):
    """An install without lxml's HTML cleaner raised ImportError from every page and
    ended the whole run; now the page fails with its cause and the rest read."""

    def broken_html_reader(path):
        raise ImportError(
            "lxml.html.clean module is now a separate project lxml_html_clean.\n"
            "Install lxml[html-clean] or lxml_html_clean directly."
        )
        yield  # pragma: no cover - makes this a generator like the real readers

    monkeypatch.setitem(readers._items, "html", broken_html_reader)
    (tmp_path / "1.txt").write_text("One\n\nFirst.", encoding="utf-8")
    (tmp_path / "2.html").write_text("<html><p>Two</p></html>", encoding="utf-8")
    (tmp_path / "3.txt").write_text("Three\n\nThird.", encoding="utf-8")
    items = list(iter_articles([tmp_path]))
    assert [type(item).__name__ for item in items] == [
        "Article",
        "InputError",
        "Article",
    ]
    assert str(items[1]) == (
        f"{tmp_path / '2.html'}: could not be read (ImportError: lxml.html.clean "
        "module is now a separate project lxml_html_clean. Install lxml[html-clean] "
        "or lxml_html_clean directly.)"
    )


# --- errors: one line naming the file and the cause -------------------------------


def test_missing_path(tmp_path):
    path = tmp_path / "nope.txt"
    assert only_error(path) == f"{path}: no such file or directory"
    with pytest.raises(InputError, match="no such file or directory"):
        list(read_file(path))


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n", b"\xef\xbb\xbf\n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert only_error(path) == f"{path}: empty file"


@pytest.mark.parametrize(
    "name",
    ["image.png", "image.txt", "image", "image.html", "image.jsonl", "image.rss"],
)
def test_binary_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 4)
    assert only_error(path) == f"{path}: binary file, not an article"


def test_invalid_utf8_text_names_the_byte_and_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Zürich talks\n\nThe café closed.".encode("latin-1"))
    assert only_error(path) == f"{path}: not valid UTF-8 (byte 0xfc at offset 1)"


def test_html_without_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(
        "<!doctype html><html><head><title>Nothing</title></head>"
        "<body><nav><a href='/'>Home</a></nav><div></div></body></html>",
        encoding="utf-8",
    )
    assert only_error(path) == f"{path}: no article text found"


def test_xml_that_is_not_a_feed(tmp_path):
    path = tmp_path / "data.xml"
    path.write_text('<?xml version="1.0"?><catalog><book/></catalog>', encoding="utf-8")
    assert only_error(path) == f"{path}: not an RSS or Atom feed"


def test_malformed_feed(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><item><title>Cut off", encoding="utf-8")
    assert only_error(path).startswith(f"{path}: malformed feed (")


# --- encodings ---------------------------------------------------------------------


def test_text_in_utf16_with_bom_and_utf8_with_bom(tmp_path):
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Zürich talks\n\nThe café closed.".encode("utf-16"))
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes(b"\xef\xbb\xbf" + "Zürich talks\n\nThe café closed.".encode())
    for path in (utf16, utf8):
        ((headline, body),) = [(a.headline, a.body) for a in articles(path)]
        assert (headline, body) == ("Zürich talks", "The café closed.")


def html_page(text: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "".join(f"<p>{text} Sentence number {n}.</p>" for n in range(3))
    return (
        f"<!doctype html><html><head>{meta}<title>Vögel in Zürich</title></head>"
        f"<body><article><h1>Vögel in Zürich</h1>{paragraphs}</article></body></html>"
    )


def test_html_declaring_utf8_with_stray_latin1_bytes_decodes(tmp_path):
    """Like the tierschutzpartei page: UTF-8 text, one Latin-1 image caption."""
    text = "Ewald Ferlemann und sein Leben für die Vögel in Dortmund."
    page = html_page(text, "utf-8").encode("utf-8")
    page = page.replace(
        b"<article>", '<img alt="Mitgefühl">'.encode("latin-1") + b"<article>"
    )
    path = tmp_path / "mixed.html"
    path.write_bytes(page)
    (article,) = articles(path)
    assert article.headline == "Vögel in Zürich"
    assert "für die Vögel" in article.body and "\ufffd" not in article.body


def test_html_in_latin1_without_declaration_decodes(tmp_path):
    path = tmp_path / "latin1.html"
    path.write_bytes(html_page("Die Bürger von Zürich wählen.", None).encode("latin-1"))
    (article,) = articles(path)
    assert "Die Bürger von Zürich wählen." in article.body


def test_html_declared_gb2312_is_read_as_gb18030(tmp_path):
    """gb18030 is the superset browsers use; 镕 is outside gb2312 itself."""
    path = tmp_path / "zh.html"
    text = "国务院总理朱镕基在北京会见了代表团。"
    path.write_bytes(html_page(text, "gb2312").encode("gb18030"))
    (article,) = articles(path)
    assert text in article.body


# --- real pages and feeds from ../shared/data/realworld_pages ---------------------

REALWORLD = [
    # file prefix, headline, a sentence of the article, text that is not the article,
    # and the plausible body length in characters
    (
        "aeb_4a44ab3e",
        "‘He died in my hands’: 3 pro-Morales demonstrators killed in clashes with "
        "Bolivia’s police & soldiers near barricaded fuel plant",
        "A doctor on the scene told Ruptly that he tried to save one of the wounded "
        "demonstrators, but failed to do so.",
        [
            "Also on rt.com",
            "Journalists & politicians from Morales’ party",
            "This website uses cookies",
            "Like this story?",
        ],
        (800, 2000),
    ),
    (
        "aeb_7a664e40",
        "Key moments from Kurt Volker's and Tim Morrison's impeachment hearing "
        "testimony",
        "Volker said he had no knowledge of any efforts to urge Ukraine",
        ["More in Popular", "CBS Interactive", "Privacy Policy"],
        (4500, 8000),
    ),
    (
        "aeb_833caf3b",
        "World Community Lashes Out at US for No Longer Considering Israeli "
        "Settlements Illegal",
        "The United States faced stiff international and Palestinian criticism on "
        "Tuesday over its decision to no longer consider Israeli settlements illegal",
        ["SyndiGate", "You may also like", "Sign up to our newsletter", "adapted"],
        (4000, 6500),
    ),
    (
        "aeb_c7e39ac4",
        "Julian Assange: Sweden drops rape investigation",
        "Prosecutors in Sweden have dropped an investigation into a rape allegation "
        "made against Wikileaks co-founder Julian Assange in 2010.",
        ["Top Stories", "Share this with", "Wave of Israeli strikes hit Iran's forces"],
        (3200, 6000),
    ),
    (
        "aeb_d90bda7e",
        "Amnesty. More than 100 protesters killed in Iran unrest",
        "Verified video footage shows riot police smashing windows of cars with "
        "drivers still inside.",
        ["Related links", "Creative Commons", "PanARMENIAN.Net -", "11:28 AMT"],
        (1500, 3000),
    ),
    (
        "traf_archive.org.he.xinhuanet",
        "话剧《约定无期限》河北各市巡演结束",
        "6月3日上午，话剧《约定无期限》全省各市巡演活动来到张家口。",
        ["【关闭窗口】", "新华纵横", "查看节目播出时间表"],
        (1200, 2500),
    ),
    (
        "traf_archive.org.stol.it",
        "Verfassungsgericht: Berlusconis Sex-Prozess geht weiter",
        "Das Verfassungsgericht in Rom verwarf am Dienstag einen Antrag der "
        "Abgeordnetenkammer",
        ["Profil bearbeiten", "Impressum", "Politik im Überblick"],
        (1400, 3000),
    ),
    (
        "traf_energetyka24",
        "Rosjanie sugerują natychmiastowe odcięcie Polski od gazu",
        "Polska dywersyfikuje dostawy i oprócz rozbudowy terminala LNG w Świnoujściu",
        ["Ruscy powoli", "Twój komentarz", "Liczba komentarzy", "Przekręt stulecia"],
        (1400, 3000),
    ),
    (
        "traf_nymag",
        "The GOP Is the Problem. Is ‘Human Identity Politics’ the Solution?",
        "In Why We’re Polarized, Ezra Klein sets out to answer a simple (if "
        "counterintuitive) question: Why was America’s 2016 election so normal?",
        ["Most Viewed Stories", "Leave a Comment", "By submitting your email"],
        (20000, 30000),
    ),
    (
        "traf_politico",
        "Mark Meadows accused of timing retirement to help elect wife’s friend",
        "Rep. Mark Meadows' shock retirement — revealed just 30 hours before the "
        "filing deadline in North Carolina",
        ["All Newsletters", "POLITICO Nightly", "contributed to this report"],
        (6000, 9000),
    ),
    (
        "traf_scmp",
        "Taiwanese President Tsai Ing-wen’s political playbook should be essential "
        "reading for Hong Kong leader Carrie Lam",
        "Taiwanese President Tsai Ing-wen’s spectacular re-election was no easy feat.",
        ["Newsletter", "Photo: AP"],
        (3500, 6000),
    ),
    (
        "traf_tierschutzpartei",
        "Eine private Wildvogelauffang- und Auswilderungsstation",
        "Rentnerinnen und Rentner haben grundsätzlich wenig Zeit, dies ist ja "
        "allgemein bekannt.",
        ["Diese Website benutzt Cookies", "Impressum", "Mitgefühl wählen"],
        (2800, 4500),
    ),
]


def realworld_file(prefix: str) -> Path:
    folder = shared_data("realworld_pages")
    (path,) = folder.glob(f"{prefix}*")
    return path


@pytest.mark.parametrize(
    "prefix, headline, sentence, not_article, length",
    REALWORLD,
    ids=[row[0] for row in REALWORLD],
)
def test_realworld_page(prefix, headline, sentence, not_article, length):
    (article,) = articles(realworld_file(prefix))
    assert article.headline == headline
    assert sentence in article.body
    for text in not_article:
        assert text not in article.body
    assert length[0] <= len(article.body) <= length[1]
    assert "\ufffd" not in article.body and "\ufffd" not in article.headline
    assert "\n\n\n" not in article.body and not article.body.startswith(headline)


def test_realworld_wrong_encoding_page_keeps_german_umlauts():
    (article,) = articles(realworld_file("traf_tierschutzpartei"))
    assert "Ewald Ferlemann und sein Leben für die Vögel" in article.body
    assert "Ã" not in article.body  # no UTF-8 read as Latin-1


def test_realworld_page_metadata():
    (bbc,) = articles(realworld_file("aeb_c7e39ac4"))
    assert bbc.url == "https://www.bbc.com/news/world-europe-50473792"
    assert bbc.date.startswith("2019-11-19")
    assert (bbc.language, bbc.publisher) == ("en", "BBC News")
    (politico,) = articles(realworld_file("traf_politico"))
    assert politico.publisher == "POLITICO"


@pytest.mark.parametrize(
    "name, count, number, title, text",
    [
        (
            "rssp_guardian.rss",
            55,
            3,
            "FBI has 'grave concerns' about Trump plan to release controversial memo",
            "The FBI said on Wednesday it had “grave concerns”",
        ),
        (
            "rssp_heise.atom",
            15,
            1,
            "Java-Anwendungsserver: Red Hat gibt WildFly 10 frei",
            "Die nun verfügbare Version 10 des Enterprise-Java-Servers",
        ),
        (
            "rssp_uolNoticias.rss",
            15,
            14,
            "Assange chegou a renunciar a asilo do Equador, segundo carta privada",
            "O fundador do WikiLeaks, Julian Assange, refugiado na embaixada "
            "equatoriana em Londres há seis anos",
        ),
    ],
)
def test_realworld_feed(name, count, number, title, text):
    path = shared_data("realworld_pages", name)
    entries = articles(path)
    assert len(entries) == count
    entry = entries[number - 1]
    assert entry.source == f"{path}#{number}"
    assert entry.headline == title
    assert entry.body.startswith(text) or text in entry.body
    for item in entries:
        assert "Continue reading" not in item.body and "\ufffd" not in item.body
        assert "<" not in item.body  # markup turned into text


def test_realworld_latin1_feed_without_declaration_keeps_portuguese_accents():
    path = shared_data("realworld_pages", "rssp_uolNoticias.rss")
    first = articles(path)[0]
    assert first.headline == (
        "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno"
    )
    assert first.body.startswith("Líder na pesquisa Ibope de intenção de voto")
    assert first.date == "2018-09-24T19:42:40-03:00"


# --- robustness and speed ----------------------------------------------------------


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda text: text.encode("utf-8")),
        st.sampled_from(
            [b"<html>", b"<rss>", b'{"text": ', b"\xff\xfe", b"\xef\xbb\xbf"]
        ).flatmap(lambda head: st.binary(max_size=200).map(lambda tail: head + tail)),
    ),
    suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".rss", ".xml", ""]),
)
def test_iter_articles_never_raises_on_arbitrary_bytes(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for item in iter_articles([path]):
        assert isinstance(item, Article | InputError)
        if isinstance(item, InputError):
            assert str(item).startswith(str(path)) and "\n" not in str(item)


def test_importing_readers_does_not_import_the_heavy_parsers():
    code = (
        "import sys, kgextract.readers; heavy = ('trafilatura', 'feedparser', 'lxml'); "
        "print(sorted(name for name in heavy if name in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert result.stdout.strip() == "[]"


# One sample per reader: CI runs this file with the newest release of every
# dependency, so a library update that stops a format from reading shows there.
READER_SAMPLES = {
    "text": ["wire_story.txt", "briefing.md"],
    "html": ["page.html"],
    "jsonl": ["articles.jsonl"],
    "feed": ["feed.rss", "feed.atom"],
}


def test_every_registered_reader_has_a_sample():
    assert sorted(READER_SAMPLES) == sorted(readers.names())


@pytest.mark.parametrize(
    "reader, name",
    [(reader, name) for reader, names in READER_SAMPLES.items() for name in names],
)
def test_every_reader_reads_its_sample_with_the_installed_libraries(reader, name):
    path = FIXTURES / name
    assert reader_for(path) is readers.get(reader)
    items = list(iter_articles([path]))
    read = [item for item in items if isinstance(item, Article)]
    # articles.jsonl has one broken line on purpose; every other file reads whole.
    assert len(items) - len(read) == (1 if name == "articles.jsonl" else 0), items
    assert read and all(item.headline and item.body for item in read)

"""Template code -> Markdown, one construct at a time: what is converted, and what is kept with a finding."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.authoring.convert import LinkTarget, convert
from briefgen.authoring.keymap import Place, map_front_matter
from briefgen.authoring.origin import ImportFailed, read_post
from briefgen.authoring.sitelinks import rewrite_site_links
from briefgen.authoring.stamps import brief_date

POSTS = {"posts/first": LinkTarget("first", "The [first] post"), "2014-09-25-hello": LinkTarget("hello", "Hello"),
         "drafty": LinkTarget("drafty", "Draft", draft=True)}


def _lookup(path: str) -> LinkTarget | None:
    return POSTS.get(path.strip("/").removesuffix(".md"))


HUGO = [
    ('[a]({{< ref "posts/first" >}})', "[a](brief:first)", 0),
    ('[a]({{< relref "/posts/first.md#part" >}})', "[a](brief:first#part)", 0),
    ('See {{< ref "posts/first" >}}.', r"See [The \[first\] post](brief:first).", 0),
    ('{{< ref "nowhere" >}}', '{{< ref "nowhere" >}}', 1),
    ('[d]({{< ref "drafty" >}})', '[d]({{< ref "drafty" >}})', 1),  # a published post may not link to a draft
    ('{{< figure src="a b.png" alt="A" caption="Cap *x*" link="/big.png" >}}',
     "[![A](<a b.png>)](/big.png)\\\nCap *x*", 0),
    ('{{< figure src="m.png" title="T >}} here" >}}', "![T >}} here](m.png)\\\n*T >}} here*", 0),
    ("{{< highlight go >}}\nx := `a`\n{{< /highlight >}}", "```go\nx := `a`\n```", 0),
    ("Before {{< highlight sh >}}\nls\n{{< /highlight >}} after", "Before \n```sh\nls\n```\n after", 0),
    ("{{< youtube id=\"w7Ft2ymGmfc\" >}}", "[Video on YouTube](https://www.youtube.com/watch?v=w7Ft2ymGmfc)", 0),
    ('{{< gist spf13 7896402 >}}', "[Gist spf13/7896402](https://gist.github.com/spf13/7896402)", 0),
    ("{{< youtube \"x'); alert(1)\" >}}", "{{< youtube \"x'); alert(1)\" >}}", 1),
    ("{{< comment >}}secret{{< /comment >}}", "", 0),
    ("{{% notice %}}Inner {{< ref \"posts/first\" >}}{{% /notice %}}",
     "{{% notice %}}Inner [The \\[first\\] post](brief:first){{% /notice %}}", 1),  # one finding for the pair
    ("{{< /orphan >}}", "{{< /orphan >}}", 1),
    ('{{</* figure src="x" */>}}', '{{< figure src="x" >}}', 0),
    ("{{< unclosed\n\nparagraph >}}", "{{< unclosed\n\nparagraph >}}", 0),  # not a tag: a blank line inside
    ("{{ .Title }} and {% if %}", "{{ .Title }} and {% if %}", 0),  # not Hugo's: text in a Hugo page
]
LIQUID = [
    ("{% raw %}{{ x }} {% if %}{% endraw %}", "{{ x }} {% if %}", 0),
    ("[a]({{ site.baseurl }}{% post_url 2014-09-25-hello %})", "[a](brief:hello)", 0),
    ("{% post_url 2014-09-25-hello %}", "[Hello](brief:hello)", 0),
    ("{%- highlight ruby linenos -%}\nputs 1\n{%- endhighlight -%}", "```ruby\nputs 1\n```", 0),
    ("{% include figure.html image=\"{{ site.url }}/a.png\" caption='C' %}", "![C](/a.png)\\\n*C*", 0),
    ("{% include toc.html %}", "{% include toc.html %}", 1),
    ("{{ '/a.pdf' | relative_url }} {{ \"/b\" | absolute_url }}", "/a.pdf /b", 0),
    ("{% link assets/report.pdf %}", "/assets/report.pdf", 0),
    ("{% if a %}x{% else %}y{% endif %}", "{% if a %}x{% else %}y{% endif %}", 2),  # the if pair, and else
    ("{% comment %}{% if %}{% endcomment %}", "", 0),
    ("{{ page.title | upcase }}", "{{ page.title | upcase }}", 1),
    ("{% image \"./cat.jpg\", \"A cat\" %}", "![A cat](./cat.jpg)", 0),
    ("{{< ref \"x\" >}}", "{{< ref \"x\" >}}", 1),  # Liquid reads it as an output it cannot convert
]


@pytest.mark.parametrize("text,expected,findings", HUGO)
def test_hugo_shortcodes(text: str, expected: str, findings: int) -> None:
    converted = convert(text, 10, hugo=True, liquid=False, lookup=_lookup)
    assert converted.text == expected
    assert len(converted.findings) == findings
    assert all(f.line >= 10 and f.col >= 1 for f in converted.findings)


@pytest.mark.parametrize("text,expected,findings", LIQUID)
def test_liquid_tags(text: str, expected: str, findings: int) -> None:
    converted = convert(text, 1, hugo=False, liquid=True, lookup=_lookup)
    assert converted.text == expected
    assert len(converted.findings) == findings


def test_a_finding_is_at_the_line_and_column_of_its_code() -> None:
    text = "One.\n\nTwo {{< tweet 1 >}} and\n{% if x %}"
    converted = convert(text, 7, hugo=True, liquid=True, lookup=_lookup)
    assert [(f.line, f.col) for f in converted.findings] == [(9, 5), (10, 1)]
    assert converted.original_offset(converted.text.index("and")) == text.index("and")


@pytest.mark.parametrize("value,expected", [
    ("2015-06-29 1:00:19 -0400", "2015-06-29T01:00:19-04:00"),
    ("2015-06-29 01:00:19 -0400 EDT", "2015-06-29T01:00:19-04:00"),
    ("2019-02-21T09:00:00Z", "2019-02-21T09:00:00Z"),
    ("2019-02-21 09:00", "2019-02-21T09:00:00"),
    ("2020-01-01T10:00:00.5+05:30", "2020-01-01T10:00:00.500000+05:30"),
    ("February 20, 2019", "2019-02-20"),
    (dt.date(2019, 2, 20), "2019-02-20"),
    (dt.datetime(2019, 2, 20, 8, tzinfo=dt.timezone.utc), "2019-02-20T08:00:00Z"),
    ("2019-02-30", ""), ("Last Modified", ""), ("2019-02-20 25:00", ""), (20190220, ""),
])
def test_dates_as_sites_write_them(value: object, expected: str) -> None:
    assert brief_date(value) == expected


def test_front_matter_after_blank_lines_in_each_syntax() -> None:
    yaml_post = read_post("\n\n---\ntitle: Y\n---\nBody\n")
    assert (yaml_post.meta, yaml_post.syntax, yaml_post.body, yaml_post.body_line) == ({"title": "Y"}, "yaml",
                                                                                      "Body\n", 6)
    toml_post = read_post("\n+++\ntitle = \"T\"\ntags = [\"a\"]\n+++\nBody\n")
    assert toml_post.meta == {"title": "T", "tags": ["a"]} and toml_post.key_lines == {"title": 3, "tags": 4}
    json_post = read_post('{\n  "title": "J"\n}\nBody\n')
    assert (json_post.meta, json_post.body, json_post.body_line) == ({"title": "J"}, "Body\n", 4)
    assert read_post("Just text.\n").meta == {}
    with pytest.raises(ImportFailed) as failed:
        read_post("---\ntitle: [unclosed\n---\n")
    assert failed.value.line == 3
    with pytest.raises(ImportFailed) as failed:
        read_post("+++\ntitle = \n+++\n")
    assert failed.value.line == 2 and "TOML" in failed.value.message


def test_keys_are_mapped_and_nothing_is_dropped_silently() -> None:
    meta = {"title": "T", "publishDate": "2019-02-20", "lastmod": "2019-03-01", "slug": "n%C3%A4me",
            "author": [{"name": "A"}, "B"], "tags": "x y", "category": "z", "excerpt": "<p>E &amp; F</p>",
            "redirect_from": "/old/", "permalink": "/:year/:title/", "published": False, "layout": "post"}
    mapped = map_front_matter(meta, {"layout": 12}, Place("jekyll", folder_topics=("news",)))
    assert (mapped.title, mapped.date, mapped.updated, mapped.slug) == ("T", "2019-02-20", "2019-03-01", "näme")
    assert mapped.authors == ("A", "B") and mapped.topics == ("news", "x", "y", "z")
    assert mapped.summary == "E & F" and mapped.draft and mapped.aliases == ("/old/",)
    assert {(left.key, left.line) for left in mapped.leftovers} == {("layout", 12), ("permalink", 1)}
    assert map_front_matter({"redirect_to": "https://x.org/"}, {}, Place("jekyll")).not_a_post


def test_root_relative_links_become_relative_or_brief_links() -> None:
    body = ("[old](/2014/09/hello.html#top) ![img](</img/a b.png>) [ext](https://x.org/a) [rel](other/)\n"
            "`[code](/not/this)` and\n[x]: /defined/here\n```\n[fenced](/not/this/either)\n```\n")
    rewritten, counts = rewrite_site_links(body, lambda path: POSTS["2014-09-25-hello"]
                                           if path == "/2014/09/hello.html" else None)
    assert rewritten.split("\n")[0] == ("[old](brief:hello#top) ![img](<../../img/a b.png>) [ext](https://x.org/a) "
                                        "[rel](other/)")
    assert "`[code](/not/this)`" in rewritten and "[fenced](/not/this/either)" in rewritten
    assert "[x]: ../../defined/here" in rewritten
    assert counts == {"link to an old address -> brief link": 1, "root-relative link -> relative": 2}

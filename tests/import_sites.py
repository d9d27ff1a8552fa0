"""Small sites in the shape Hugo, Jekyll and Eleventy give them, written for the import tests.

Every post is invented here; none is copied from a real site. Each site lists the template code
its posts hold that `briefgen import` cannot convert, as (file, line) of each: the warnings it
must give, no more and no fewer.
"""

from __future__ import annotations

HUGO = {
    "hugo.toml": 'baseURL = "https://old.example.org/"\ntitle = "Old policy notes"\n',
    "archetypes/default.md": "---\ntitle: '{{ replace .Name \"-\" \" \" | title }}'\n---\n",
    "layouts/_default/single.html": "<main>{{ .Content }}</main>\n",
    "static/images/logo.png": "not really a png\n",
    "content/_index.md": "---\ntitle: Home\n---\nWelcome to the old site.\n",
    "content/posts/_index.md": "+++\ntitle = \"Posts\"\n+++\n",
    "content/posts/first-look.md": """\


+++
title = "Sanctions: a first look"
date = "2015-06-29 1:00:19 -0400"
tags = ["sanctions", "North Korea"]
categories = ["policy"]
description = "Why sanctions fail, in brief."
aliases = ["/2015/06/first-look/", "old-first"]
weight = 5
+++
See [the Korea brief]({{< ref "korea-policy" >}}) and {{< relref "news/second.md" >}}.

{{< figure src="/images/map.png" title="Map" caption="The border, 2015" >}}

{{< highlight go "linenos=table" >}}
fmt.Println("hi")
{{< /highlight >}}

{{< tweet 12345 >}}

{{</* ref "shown-literally" */>}} is how Hugo shows a shortcode.

<!--more-->

<div class="note" onclick="steal()">Raw <b>HTML</b><script>alert(1)</script>
<a href="javascript:alert(2)">bad link</a></div>
""",
    "content/posts/korea-policy/index.md": """\
---
title: "북한 정책 브리핑"
date: "2010-10-22 11:33:15 -0400"
tags: [Korea]
slug: "korea%2Dpolicy"
---
![cover](cover.jpg)

Text with [@someone] and {{% notice info %}}Careful now{{% /notice %}}.

{{< youtube w7Ft2ymGmfc >}}
""",
    "content/posts/korea-policy/cover.jpg": "not really a jpeg\n",
    "content/news/second.md": """\
{
  "title": "Second, in JSON",
  "date": "2019-02-20T08:00:00Z",
  "summary": "JSON front matter, as Hugo allows."
}
Back to [the first look]({{< ref "/posts/first-look" >}}).

{{< gallery dir="/img/trip" >}}

{{< comment >}}Nobody saw this.{{< /comment >}}
""",
    "content/news/draft-note.md": """\
---
title: A note still in draft
draft: true
---
It will cite {{< ref "first-look.md" >}}.
""",
    "content/posts/2019-03-01-only-a-file-date.md": "---\ntitle: Only the file name gives my date\n---\nText.\n",
}
HUGO_UNCONVERTED = {("content/posts/first-look.md", 20), ("content/posts/korea-policy/index.md", 9),
                    ("content/news/second.md", 8)}
HUGO_POSTS = 5

JEKYLL = {
    "_config.yml": "title: Old blog\nbaseurl: /blog\n",
    "_layouts/default.html": "<html>{{ content }}</html>\n",
    "_includes/figure.html": "<figure><img src=\"{{ include.image }}\"></figure>\n",
    "index.md": "---\nlayout: home\n---\n",
    "README.md": "# The blog's repository\n",
    "assets/map.png": "not really a png\n",
    "_posts/2014-09-25-hello-world.md": """\
---
layout: post
title: "Hello, world"
tags: sanctions diplomacy
categories: [policy]
excerpt: "An <em>excerpt</em> &amp; more."
redirect_from:
  - /2014/09/hello.html
  - /old/hello/
comments: true
---
{% raw %}Use {{ page.title }} in a template.{% endraw %}

See [the second post]({{ site.baseurl }}{% post_url 2014-10-01-second %}) and {% post_url 2099-01-01-missing %}.

{% highlight ruby linenos %}
def hi; puts "hi"; end
{% endhighlight %}

{% include figure.html image="/assets/map.png" caption="A map" alt="Map of the border" %}

{% if page.comments %}Comments are on.{% endif %}

{{ page.date | date: "%Y" }}

![x]({{ '/assets/map.png' | relative_url }}){: .center}
""",
    "_posts/2014-10-01-second.md": """\
---
title: Second
---
Back to [the first]({% link _posts/2014-09-25-hello-world.md %}).
""",
    "news/_posts/2015-01-02-news-item.md": """\
---
title: News item
author:
  name: Ann Analyst
description: "Categories from the folder."
---
* TOC
{:toc}

Text. {% comment %}hidden{% endcomment %}
""",
    "_drafts/unfinished.md": "---\ntitle: Unfinished\n---\nDraft text.\n",
    "_posts/2016-02-02-unpublished.md": "---\ntitle: Not published\npublished: false\n---\nHidden.\n",
    "_posts/2017-01-01-arabic.md": """\
---
title: "العقوبات والدبلوماسية"
date: 2017-01-01 09:30:00 +0300
tags: [diplomacy]
---
نص المقال.
""",
}
JEKYLL_UNCONVERTED = {("_posts/2014-09-25-hello-world.md", 14), ("_posts/2014-09-25-hello-world.md", 22),
                      ("_posts/2014-09-25-hello-world.md", 24)}
JEKYLL_POSTS = 6

ELEVENTY = {
    ".eleventy.js": "module.exports = function () { return { dir: { input: 'src' } }; };\n",
    "package.json": '{"devDependencies": {"@11ty/eleventy": "^2.0.0"}}\n',
    "node_modules/pkg/readme.md": "---\ntitle: not content\n---\n",
    "src/_includes/base.njk": "<html>{{ content | safe }}</html>\n",
    "src/index.njk": "---\nlayout: base.njk\npagination:\n  data: collections.posts\n---\n",
    "src/posts/2020-03-04-first-post.md": """\
---
title: Первый пост
description: Русский текст о санкциях.
tags:
  - posts
  - sanctions
permalink: "/blog/{{ page.fileSlug }}/"
---
Hello {% image "./cat.jpg", "A cat" %} and [about]({{ "/about/" | url }}).

{% youtube "abc123" %}

{% set greeting = "hi" %}
""",
    "src/posts/second.md": """\
---
title: "Ελληνικά: δεύτερο"
date: 2021-05-05T10:00:00Z
eleventyExcludeFromCollections: true
permalink: /old/second.html
---
Link to [the first]({% link posts/2020-03-04-first-post.md %}).
""",
    "src/posts/emoji.md": "---\ntitle: Sanctions 🚀 now\ndate: 2022-02-02\n---\nRocket text.\n",
}
ELEVENTY_UNCONVERTED = {("src/posts/2020-03-04-first-post.md", 13)}
ELEVENTY_POSTS = 3

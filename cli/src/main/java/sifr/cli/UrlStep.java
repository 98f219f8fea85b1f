package sifr.cli;

import sifr.url.Url;

/** The seed's URL example, plus an internationalized host through UTS #46 IDNA. */
final class UrlStep implements DemoStep {

    @Override
    public String title() {
        return "URL parsing (WHATWG, IDNA)";
    }

    @Override
    public String run() {
        Url url = Url.parse("https://example.com/search?q=sifr&page=2");
        if (!url.scheme().equals("https") || !url.host().equals("example.com") || !url.path().equals("/search")
                || !url.query().orElse("").equals("q=sifr&page=2")) {
            throw new IllegalStateException("unexpected parse: " + url);
        }
        Url idna = Url.parse("https://Bücher.example/straße?ü=1");
        return "scheme=" + url.scheme() + " host=" + url.host() + " path=" + url.path() + " query=" + url.query().orElseThrow()
                + " page=" + url.queryParams().get("page").orElseThrow()
                + "; https://Bücher.example/straße?ü=1 -> " + idna.href();
    }
}

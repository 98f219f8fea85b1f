package sifr.http.internal.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTML page listing a directory: names sorted (by their UTF-16 code units, so the order does not
 * depend on the locale), directories with a trailing {@code /}, every name HTML-escaped in the text and
 * percent-encoded in the link, so no file name can inject markup or a link elsewhere. Dotfiles are left
 * out unless shown. At most {@link #MAX_ENTRIES} names are read; the page says when it stops there.
 */
public final class DirectoryListing {
    public static final int MAX_ENTRIES = 10_000;

    private record Entry(String name, boolean directory) {
    }

    private DirectoryListing() {
    }

    /** The page for {@code dir}, shown as {@code displayPath} (the decoded request path, ending in {@code /}). */
    public static byte[] html(Path dir, String displayPath, boolean showDotfiles) throws IOException {
        List<Entry> entries = new ArrayList<>();
        boolean truncated = false;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!showDotfiles && name.startsWith(".")) {
                    continue;
                }
                if (entries.size() == MAX_ENTRIES) {
                    truncated = true;
                    break;
                }
                entries.add(new Entry(name, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)));
            }
        }
        entries.sort((a, b) -> a.name().compareTo(b.name()));
        String title = escape(displayPath);
        StringBuilder b = new StringBuilder(256 + entries.size() * 64);
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Index of ").append(title)
                .append("</title></head>\n<body><h1>Index of ").append(title).append("</h1>\n<ul>\n");
        if (!displayPath.equals("/")) {
            b.append("<li><a href=\"../\">../</a></li>\n");
        }
        for (Entry e : entries) {
            String slash = e.directory() ? "/" : "";
            b.append("<li><a href=\"./").append(escape(RequestPath.encodeSegment(e.name()))).append(slash).append("\">")
                    .append(escape(e.name())).append(slash).append("</a></li>\n");
        }
        b.append("</ul>\n");
        if (truncated) {
            b.append("<p>Only the first ").append(MAX_ENTRIES).append(" entries are listed.</p>\n");
        }
        b.append("</body></html>\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** HTML text and attribute escaping of the five special characters. */
    public static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}

package sifr.http.internal.files;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in table from file-name extension to media type (the common web types, after the IANA
 * registry and what browsers expect). Text types carry {@code charset=utf-8}; anything unknown is
 * {@code application/octet-stream}, which browsers download rather than render.
 */
public final class ContentTypes {
    public static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> TABLE = new HashMap<>();

    static {
        text("html", "text/html");
        text("htm", "text/html");
        text("css", "text/css");
        text("js", "text/javascript");
        text("mjs", "text/javascript");
        text("txt", "text/plain");
        text("md", "text/markdown");
        text("csv", "text/csv");
        text("xml", "text/xml");
        text("ics", "text/calendar");
        text("vtt", "text/vtt");
        text("svg", "image/svg+xml");
        text("json", "application/json");
        text("map", "application/json");
        text("webmanifest", "application/manifest+json");
        text("yaml", "application/yaml");
        text("yml", "application/yaml");
        text("toml", "application/toml");
        binary("wasm", "application/wasm");
        binary("pdf", "application/pdf");
        binary("zip", "application/zip");
        binary("gz", "application/gzip");
        binary("tgz", "application/gzip");
        binary("tar", "application/x-tar");
        binary("xz", "application/x-xz");
        binary("bz2", "application/x-bzip2");
        binary("7z", "application/x-7z-compressed");
        binary("jar", "application/java-archive");
        binary("epub", "application/epub+zip");
        binary("rtf", "application/rtf");
        binary("png", "image/png");
        binary("jpg", "image/jpeg");
        binary("jpeg", "image/jpeg");
        binary("gif", "image/gif");
        binary("webp", "image/webp");
        binary("avif", "image/avif");
        binary("ico", "image/x-icon");
        binary("bmp", "image/bmp");
        binary("tif", "image/tiff");
        binary("tiff", "image/tiff");
        binary("woff", "font/woff");
        binary("woff2", "font/woff2");
        binary("ttf", "font/ttf");
        binary("otf", "font/otf");
        binary("mp4", "video/mp4");
        binary("m4v", "video/mp4");
        binary("webm", "video/webm");
        binary("ogv", "video/ogg");
        binary("mov", "video/quicktime");
        binary("mkv", "video/x-matroska");
        binary("mp3", "audio/mpeg");
        binary("m4a", "audio/mp4");
        binary("oga", "audio/ogg");
        binary("ogg", "audio/ogg");
        binary("opus", "audio/ogg");
        binary("wav", "audio/wav");
        binary("flac", "audio/flac");
        binary("aac", "audio/aac");
    }

    private static void text(String ext, String type) {
        TABLE.put(ext, type + "; charset=utf-8");
    }

    private static void binary(String ext, String type) {
        TABLE.put(ext, type);
    }

    private ContentTypes() {
    }

    /** The type for {@code fileName} by its last extension; {@code extra} (lower-case keys) wins over the table. */
    public static String of(String fileName, Map<String, String> extra) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return DEFAULT;
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        String type = extra.isEmpty() ? null : extra.get(ext);
        return type != null ? type : TABLE.getOrDefault(ext, DEFAULT);
    }
}

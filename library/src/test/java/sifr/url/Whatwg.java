package sifr.url;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/** The WHATWG {@code URL} attribute view of a {@link Url}, as the web-platform tests read it. */
final class Whatwg {
    private Whatwg() {
    }

    static String attribute(Url url, String name) {
        return switch (name) {
            case "href" -> url.href();
            case "origin" -> url.origin();
            case "protocol" -> url.scheme() + ":";
            case "username" -> url.username();
            case "password" -> url.password();
            case "host" -> url.host() + (url.port().isPresent() ? ":" + url.port().getAsInt() : "");
            case "hostname" -> url.host();
            case "port" -> url.port().isPresent() ? Integer.toString(url.port().getAsInt()) : "";
            case "pathname" -> url.path();
            case "search" -> url.query().filter(q -> !q.isEmpty()).map(q -> "?" + q).orElse("");
            case "hash" -> url.fragment().filter(f -> !f.isEmpty()).map(f -> "#" + f).orElse("");
            default -> throw new IllegalArgumentException(name);
        };
    }

    static final List<String> ATTRIBUTES = List.of("href", "origin", "protocol", "username", "password", "host",
            "hostname", "port", "pathname", "search", "hash");

    /** The object cases of a JSON array that mixes cases and comment strings, named by index and input. */
    static List<Arguments> cases(JsonNode array, String inputField) {
        List<Arguments> out = new ArrayList<>();
        int index = 0;
        for (JsonNode node : array) {
            if (!node.isObject()) {
                continue;
            }
            index++;
            String input = node.path(inputField).asText();
            out.add(Arguments.of(index + ": " + printable(input), node));
        }
        return out;
    }

    /** Escapes controls and non-ASCII so test names stay readable in reports. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 120; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c < 0xA0) || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}

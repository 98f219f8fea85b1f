package sifr.http.internal.h1;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads llhttp's expected event log (test/**\/*.md converted to JSON) back into messages. */
final class LlhttpLog {

    static final class Expected {
        final ByteArrayOutputStream method = new ByteArrayOutputStream();
        final ByteArrayOutputStream url = new ByteArrayOutputStream();
        final ByteArrayOutputStream version = new ByteArrayOutputStream();
        final ByteArrayOutputStream status = new ByteArrayOutputStream();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
        int statusCode = -1;
        boolean complete;
        private final ByteArrayOutputStream field = new ByteArrayOutputStream();
        private final ByteArrayOutputStream value = new ByteArrayOutputStream();
        private String pendingField;

        String text(ByteArrayOutputStream b) {
            return b.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private LlhttpLog() {
    }

    static List<Expected> read(List<String> log) {
        List<Expected> out = new ArrayList<>();
        Expected cur = null;
        for (String line : log) {
            String rest = line.substring(line.indexOf(' ') + 1);
            if (rest.equals("message begin")) {
                cur = new Expected();
                out.add(cur);
            } else if (cur == null) {
                continue;
            } else if (rest.startsWith("len=")) {
                int open = rest.indexOf("span[");
                String kind = rest.substring(open + 5, rest.indexOf(']', open));
                int eq = rest.indexOf("]=", open) + 2;
                String logged = rest.charAt(eq) == '"' ? rest.substring(eq + 1, rest.length() - 1) : rest.substring(eq);
                byte[] data = rest.charAt(eq) == '"' ? logged.getBytes(StandardCharsets.UTF_8) : unescape(logged);
                ByteArrayOutputStream target = switch (kind) {
                    case "method" -> cur.method;
                    case "url" -> cur.url;
                    case "version" -> cur.version;
                    case "status" -> cur.status;
                    case "body" -> cur.body;
                    case "header_field" -> cur.field;
                    case "header_value" -> cur.value;
                    default -> null; // protocol, chunk extensions: checked by acceptance only
                };
                if (target != null) {
                    target.writeBytes(data);
                }
            } else if (rest.equals("header_field complete")) {
                cur.pendingField = cur.text(cur.field);
                cur.field.reset();
            } else if (rest.equals("header_value complete")) {
                cur.headers.add(new AbstractMap.SimpleImmutableEntry<>(cur.pendingField, cur.value.toByteArray()));
                cur.value.reset();
            } else if (rest.startsWith("headers complete status=")) {
                String s = rest.substring("headers complete status=".length());
                cur.statusCode = Integer.parseInt(s.substring(0, s.indexOf(' ')));
            } else if (rest.equals("message complete")) {
                cur.complete = true;
            }
        }
        return out;
    }

    /**
     * Span text as logged: quoted spans are the raw text (no escapes; a backslash is a backslash),
     * and a span of one CR or LF is written {@code cr} / {@code lf} without quotes.
     */
    static byte[] unescape(String logged) {
        return switch (logged) {
            case "cr" -> new byte[] {'\r'};
            case "lf" -> new byte[] {'\n'};
            default -> logged.getBytes(StandardCharsets.UTF_8);
        };
    }
}

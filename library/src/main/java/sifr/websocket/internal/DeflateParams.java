package sifr.websocket.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * permessage-deflate negotiation (RFC 7692 §5, §7.1) from both sides, and what was agreed.
 *
 * <p>{@code java.util.zip} compresses with a 32 KiB window only (15 bits) and cannot be told to use less,
 * so we never promise a smaller window for our own compressor: a server declines an offer that carries
 * {@code server_max_window_bits} below 15 (it tries the client's next offer, §5.1 lets it decline), and a
 * client never offers {@code client_max_window_bits} (so a server may not restrict it). Inflating is
 * unaffected: a 15-bit inflater reads streams made with any smaller window.
 *
 * @param inboundContextTakeover whether the peer keeps its window between messages (our inflater must too)
 * @param outboundContextTakeover whether we keep our window between messages
 */
public record DeflateParams(boolean inboundContextTakeover, boolean outboundContextTakeover) {
    public static final String NAME = "permessage-deflate";

    /** A parameter of one extension element: {@code name[=value]}, value null when absent. */
    record Param(String name, String value) {
    }

    /** One element of an extension list: {@code name *(; param)}. */
    record Element(String name, List<Param> params) {
    }

    /** The client's offer (the {@code Sec-WebSocket-Extensions} value). */
    public static String offer(boolean noContextTakeover) {
        return noContextTakeover ? NAME + "; client_no_context_takeover; server_no_context_takeover" : NAME;
    }

    /** What a server accepted: the response field value and the agreed parameters. */
    public record Accepted(String response, DeflateParams params) {
    }

    /**
     * Server: the first acceptable permessage-deflate offer among the request's
     * {@code Sec-WebSocket-Extensions} lines, or empty to use no compression.
     *
     * @param noContextTakeover ask both sides to reset their window after every message (less memory)
     */
    public static Optional<Accepted> accept(List<String> lines, boolean noContextTakeover) {
        List<Element> offers;
        try {
            offers = parse(lines);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a malformed field: decline every extension
        }
        for (Element offer : offers) {
            if (!offer.name().equalsIgnoreCase(NAME)) {
                continue;
            }
            Optional<Accepted> accepted = acceptOne(offer, noContextTakeover);
            if (accepted.isPresent()) {
                return accepted;
            }
        }
        return Optional.empty();
    }

    private static Optional<Accepted> acceptOne(Element offer, boolean noContextTakeover) {
        boolean serverNoContext = noContextTakeover;
        boolean clientNoContext = noContextTakeover;
        List<String> seen = new ArrayList<>();
        for (Param p : offer.params()) {
            String name = p.name().toLowerCase(java.util.Locale.ROOT);
            if (seen.contains(name)) {
                return Optional.empty(); // §7.1: a parameter twice makes the offer invalid
            }
            seen.add(name);
            switch (name) {
                case "server_no_context_takeover" -> {
                    if (p.value() != null) {
                        return Optional.empty();
                    }
                    serverNoContext = true;
                }
                case "client_no_context_takeover" -> {
                    if (p.value() != null) {
                        return Optional.empty();
                    }
                    clientNoContext = true; // the client's hint; echoing it lets our inflater reset per message
                }
                case "server_max_window_bits" -> {
                    int bits = windowBits(p.value());
                    if (bits != 15) {
                        return Optional.empty(); // invalid, or a window java.util.zip cannot compress within
                    }
                }
                case "client_max_window_bits" -> {
                    if (p.value() != null && windowBits(p.value()) < 0) {
                        return Optional.empty();
                    }
                    // not echoed: the client may then use any window up to 15 bits, which we inflate
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        StringBuilder response = new StringBuilder(NAME);
        if (serverNoContext) {
            response.append("; server_no_context_takeover");
        }
        if (clientNoContext) {
            response.append("; client_no_context_takeover");
        }
        return Optional.of(new Accepted(response.toString(), new DeflateParams(!clientNoContext, !serverNoContext)));
    }

    /**
     * Client: the agreed parameters from the server's response lines, or empty when the server accepted
     * no extension.
     *
     * @throws IllegalArgumentException the response names an extension we did not offer, permessage-deflate
     *     twice, or a parameter we may not accept (RFC 7692 §7.1.2: the client must fail the connection)
     */
    public static Optional<DeflateParams> clientAccept(List<String> lines, boolean offered) {
        List<Element> elements = parse(lines);
        if (elements.isEmpty()) {
            return Optional.empty();
        }
        if (!offered || elements.size() != 1 || !elements.get(0).name().equalsIgnoreCase(NAME)) {
            throw new IllegalArgumentException("server accepted an extension that was not offered");
        }
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        List<String> seen = new ArrayList<>();
        for (Param p : elements.get(0).params()) {
            String name = p.name().toLowerCase(java.util.Locale.ROOT);
            if (seen.contains(name)) {
                throw new IllegalArgumentException("permessage-deflate parameter " + name + " appears twice");
            }
            seen.add(name);
            switch (name) {
                case "server_no_context_takeover" -> serverNoContext = requireNoValue(p);
                case "client_no_context_takeover" -> clientNoContext = requireNoValue(p);
                case "server_max_window_bits" -> {
                    if (windowBits(p.value()) < 0) {
                        throw new IllegalArgumentException("invalid server_max_window_bits");
                    }
                }
                default -> throw new IllegalArgumentException("permessage-deflate parameter " + name + " was not offered");
            }
        }
        return Optional.of(new DeflateParams(!serverNoContext, !clientNoContext));
    }

    private static boolean requireNoValue(Param p) {
        if (p.value() != null) {
            throw new IllegalArgumentException("permessage-deflate parameter " + p.name() + " takes no value");
        }
        return true;
    }

    /** 8..15 written as a decimal without leading zeros (§7.1.2.1), else -1. */
    static int windowBits(String value) {
        if (value == null || value.isEmpty() || value.length() > 2 || value.charAt(0) == '0') {
            return -1;
        }
        int bits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            bits = bits * 10 + (c - '0');
        }
        return bits >= 8 && bits <= 15 ? bits : -1;
    }

    /**
     * Parses extension field lines (RFC 6455 §9.1: {@code 1#(token *(";" token ["=" (token / quoted-string)]))}).
     *
     * @throws IllegalArgumentException on anything else
     */
    static List<Element> parse(List<String> lines) {
        List<Element> out = new ArrayList<>();
        for (String line : lines) {
            Lexer lx = new Lexer(line);
            while (true) {
                lx.spaces();
                if (lx.end()) {
                    break;
                }
                if (lx.peek() == ',') { // empty list elements are allowed by the #rule
                    lx.pos++;
                    continue;
                }
                String name = lx.token();
                List<Param> params = new ArrayList<>();
                lx.spaces();
                while (!lx.end() && lx.peek() == ';') {
                    lx.pos++;
                    lx.spaces();
                    String pname = lx.token();
                    lx.spaces();
                    String value = null;
                    if (!lx.end() && lx.peek() == '=') {
                        lx.pos++;
                        lx.spaces();
                        value = !lx.end() && lx.peek() == '"' ? lx.quoted() : lx.token();
                        lx.spaces();
                    }
                    params.add(new Param(pname, value));
                }
                out.add(new Element(name, params));
                if (!lx.end()) {
                    if (lx.peek() != ',') {
                        throw new IllegalArgumentException("malformed extension list");
                    }
                    lx.pos++;
                }
            }
        }
        return out;
    }

    private static final class Lexer {
        final String s;
        int pos;

        Lexer(String s) {
            this.s = s;
        }

        boolean end() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        void spaces() {
            while (!end() && (peek() == ' ' || peek() == '\t')) {
                pos++;
            }
        }

        String token() {
            int start = pos;
            while (!end() && isTokenChar(peek())) {
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException("malformed extension list");
            }
            return s.substring(start, pos);
        }

        /** A quoted-string whose content must itself be a token (RFC 6455 §9.1). */
        String quoted() {
            pos++; // opening quote
            StringBuilder b = new StringBuilder();
            while (!end() && peek() != '"') {
                char c = peek();
                if (c == '\\') {
                    pos++;
                    if (end()) {
                        break;
                    }
                    c = peek();
                }
                b.append(c);
                pos++;
            }
            if (end()) {
                throw new IllegalArgumentException("unterminated quoted string in extension list");
            }
            pos++; // closing quote
            String v = b.toString();
            for (int i = 0; i < v.length(); i++) {
                if (!isTokenChar(v.charAt(i))) {
                    throw new IllegalArgumentException("quoted extension parameter is not a token");
                }
            }
            return v;
        }

        static boolean isTokenChar(char c) {
            return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
        }
    }
}

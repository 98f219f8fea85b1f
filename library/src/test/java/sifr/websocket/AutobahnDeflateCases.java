package sifr.websocket;

import static sifr.websocket.AutobahnFuzzer.Event.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Autobahn sections 12 (permessage-deflate, different payloads) and 13 (different parameters): each case
 * sends messages of one size cut cyclically from a data set, optionally auto-fragmented, and expects
 * them echoed. Two deviations, named in every case's limit: the message count is scaled down from
 * Autobahn's 1000 to about 64 KiB per case (at least 2, so context takeover is exercised), and the data
 * sets are generated stand-ins of the same kinds (Autobahn's files are not carried over).
 */
final class AutobahnDeflateCases {
    /** Autobahn's MSG_SIZES: payload length and auto-fragment size (0: none). */
    private static final int[][] SIZES = {
        {16, 0}, {64, 0}, {256, 0}, {1024, 0}, {4096, 0}, {8192, 0}, {16384, 0}, {32768, 0}, {65536, 0},
        {131072, 0}, {8192, 256}, {16384, 256}, {32768, 256}, {65536, 256}, {131072, 256}, {131072, 1024},
        {131072, 4096}, {131072, 32768},
    };

    /** A client offer as Autobahn writes it: (requestNoContextTakeover, requestMaxWindowBits). */
    record Offer(boolean noContextTakeover, int maxWindowBits) {
        String header() {
            return "permessage-deflate" + (noContextTakeover ? "; server_no_context_takeover" : "")
                    + (maxWindowBits > 0 ? "; server_max_window_bits=" + maxWindowBits : "");
        }
    }

    /**
     * How a case negotiates: the client's offers and the server's accept rule (Autobahn's accept1..accept7:
     * 1 plain, 2 no context takeover, 3/4 client window 9/15, 5/6 both, 7 = 5 else 2 else 1).
     */
    record Setup(List<Offer> offers, int accept) {
        /** Whether our server accepts one of the offers (it declines server windows below 15 bits). */
        boolean serverRoleCompresses() {
            return offers.stream().anyMatch(o -> o.maxWindowBits() == 0 || o.maxWindowBits() == 15);
        }

        /**
         * Whether the fuzzing server accepts our client's offer: our client never offers
         * {@code client_max_window_bits} (java.util.zip cannot honour a smaller window), so rules 3-6 decline.
         */
        boolean clientRoleCompresses() {
            return accept == 1 || accept == 2 || accept == 7;
        }
    }

    private static final Setup DEFAULT = new Setup(List.of(new Offer(false, 0)), 1);
    private static final Setup[] PARAMS = {
        DEFAULT,
        new Setup(List.of(new Offer(true, 0)), 2),
        new Setup(List.of(new Offer(false, 9)), 3),
        new Setup(List.of(new Offer(false, 15)), 4),
        new Setup(List.of(new Offer(true, 9)), 5),
        new Setup(List.of(new Offer(true, 15)), 6),
        new Setup(List.of(new Offer(true, 9), new Offer(true, 0), new Offer(false, 0)), 7),
    };

    /** Autobahn's data sets in its order (json, lena, faust, html, pdf) with their binary flags. */
    private static final String[] DATA = {"json_data1", "lena512", "gutenberg_faust", "html_data1", "ooms"};
    private static final boolean[] BINARY = {false, true, true, false, true};

    private AutobahnDeflateCases() {
    }

    static List<AutobahnCases.Case> all() {
        List<AutobahnCases.Case> out = new ArrayList<>();
        for (int d = 0; d < DATA.length; d++) {
            for (int i = 0; i < SIZES.length; i++) {
                out.add(deflateCase("12." + (d + 1) + "." + (i + 1), DEFAULT, d, SIZES[i][0], SIZES[i][1]));
            }
        }
        for (int p = 0; p < PARAMS.length; p++) {
            for (int i = 0; i < SIZES.length; i++) {
                out.add(deflateCase("13." + (p + 1) + "." + (i + 1), PARAMS[p], 0, SIZES[i][0], SIZES[i][1]));
            }
        }
        return out;
    }

    /** Messages per case: Autobahn's 1000, scaled to about 64 KiB of payload, at least 2. */
    static int count(int length) {
        return Math.max(2, Math.min(1000, 65536 / length));
    }

    private static AutobahnCases.Case deflateCase(String id, Setup setup, int dataSet, int length, int fragment) {
        int count = count(length);
        String limit = count + " messages instead of 1000; generated " + DATA[dataSet] + " stand-in";
        AutobahnCases.Script script = f -> {
            byte[] data = dataSet(dataSet);
            int at = 0;
            for (int k = 0; k < count; k++) {
                byte[] msg = new byte[length];
                for (int j = 0; j < length; j++) {
                    msg[j] = data[(at + j) % data.length];
                }
                at = (at + length) % data.length;
                f.message(msg, BINARY[dataSet], fragment);
                f.expect(List.of(message(msg, BINARY[dataSet])));
                f.forgetEvents();
            }
            f.closeNormally();
        };
        return new AutobahnCases.Case(id, script, limit, setup);
    }

    private static final byte[][] CACHE = new byte[DATA.length][];

    /** The generated stand-in for data set {@code d} (deterministic; about 200 KiB; text sets are ASCII). */
    static byte[] dataSet(int d) {
        byte[] cached = CACHE[d];
        if (cached == null) {
            cached = generate(d);
            CACHE[d] = cached;
        }
        return cached;
    }

    private static byte[] generate(int d) {
        Random r = new Random(6455 + d);
        StringBuilder s = new StringBuilder(220_000);
        switch (d) {
            case 0 -> { // JSON records
                s.append('[');
                for (int i = 0; s.length() < 200_000; i++) {
                    s.append("{\"id\":").append(i).append(",\"name\":\"user-").append(r.nextInt(5000))
                            .append("\",\"active\":").append(r.nextBoolean()).append(",\"score\":")
                            .append(r.nextInt(100_000) / 100.0).append(",\"tags\":[\"t").append(r.nextInt(40))
                            .append("\",\"t").append(r.nextInt(40)).append("\"]},\n");
                }
                s.append("{}]");
            }
            case 2, 3 -> { // prose (Faust stand-in) or an HTML table of it
                String[] syllables = {"der", "die", "und", "ich", "ver", "geh", "lich", "keit", "en", "sch", "wei", "ach",
                    "Faust", "Geist", "Welt", "nacht", "licht", "herz"};
                if (d == 3) {
                    s.append("<html><body><table>\n");
                }
                while (s.length() < 200_000) {
                    if (d == 3) {
                        s.append("<tr><td class=\"c").append(r.nextInt(9)).append("\">");
                    }
                    int words = 5 + r.nextInt(10);
                    for (int w = 0; w < words; w++) {
                        int n = 1 + r.nextInt(3);
                        for (int k = 0; k < n; k++) {
                            s.append(syllables[r.nextInt(syllables.length)]);
                        }
                        s.append(w == words - 1 ? (r.nextBoolean() ? ".\n" : "!\n") : " ");
                    }
                    if (d == 3) {
                        s.append("</td></tr>\n");
                    }
                }
            }
            default -> {
                byte[] b = new byte[d == 1 ? 512 * 512 + 1078 : 200_000];
                if (d == 1) { // an 8-bit grey bitmap: smooth shapes plus a little noise
                    for (int y = 0; y < 512; y++) {
                        for (int x = 0; x < 512; x++) {
                            double v = 128 + 60 * Math.sin(x / 37.0) * Math.cos(y / 23.0) + r.nextInt(8);
                            b[1078 + y * 512 + x] = (byte) v;
                        }
                    }
                } else { // a PDF-like mix: mostly compressed streams (random), some text objects
                    r.nextBytes(b);
                    byte[] obj = "\n12 0 obj << /Length 4096 /Filter /FlateDecode >> stream\n".getBytes(StandardCharsets.US_ASCII);
                    for (int at = 0; at + obj.length < b.length; at += 4096) {
                        System.arraycopy(obj, 0, b, at, obj.length);
                    }
                }
                return b;
            }
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static List<String> dataSetNames() {
        return Arrays.asList(DATA);
    }
}

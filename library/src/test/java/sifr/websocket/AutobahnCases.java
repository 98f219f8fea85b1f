package sifr.websocket;

import static sifr.websocket.AutobahnFuzzer.Event.message;
import static sifr.websocket.AutobahnFuzzer.Event.pong;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Autobahn|Testsuite case list, sections 1-7, 9 and 10 (crossbario/autobahn-testsuite,
 * {@code autobahntestsuite/case/}, Apache-2.0): the frames each case sends and what it expects,
 * rebuilt as scripts for {@link AutobahnFuzzer}. Sections 12 and 13 (permessage-deflate) are in
 * {@link AutobahnDeflateCases}. Case ids are Autobahn's.
 *
 * <p>Where Autobahn waits a fixed time ({@code continueLater}, {@code killAfter}) the script waits for
 * our side's reaction instead (no test sleeps). What a case cannot check here is its {@link Case#limit}.
 */
final class AutobahnCases {
    static final int NORMAL = 1000;
    static final int PROTOCOL = 1002;
    static final int INVALID = 1007;

    /**
     * One case: Autobahn's id, the script, what it does not check (empty when it checks everything), and
     * for sections 12-13 how permessage-deflate is negotiated (null: not offered).
     */
    record Case(String id, Script script, String limit, AutobahnDeflateCases.Setup deflate) {
        Case(String id, Script script, String limit) {
            this(id, script, limit, null);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    @FunctionalInterface
    interface Script {
        void play(AutobahnFuzzer f) throws Exception;
    }

    private final List<Case> cases = new ArrayList<>();

    private AutobahnCases() {
    }

    static List<Case> all() {
        AutobahnCases c = new AutobahnCases();
        c.framing();
        c.pings();
        c.reservedBits();
        c.opcodes();
        c.fragmentation();
        c.utf8();
        c.closing();
        c.limits();
        c.autoFragmentation();
        c.cases.addAll(AutobahnDeflateCases.all());
        return c.cases;
    }

    private void add(String id, Script s) {
        cases.add(new Case(id, s, ""));
    }

    private void add(String id, String limit, Script s) {
        cases.add(new Case(id, s, limit));
    }

    static byte[] repeat(String unit, int length) {
        byte[] u = unit.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = u[i % u.length];
        }
        return out;
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    // 1 Framing
    private void framing() {
        int[] sizes = {0, 125, 126, 127, 128, 65535, 65536, 65536};
        for (int i = 0; i < sizes.length; i++) {
            int n = sizes[i];
            int chop = i == 7 ? 997 : 0;
            byte[] text = repeat("*", n);
            add("1.1." + (i + 1), f -> {
                f.frame(1, text, true, 0, chop);
                f.expect(List.of(message(text, false)));
                f.closeNormally();
            });
            byte[] bin = repeat("\u00fe", n);
            add("1.2." + (i + 1), f -> {
                f.frame(2, bin, true, 0, chop);
                f.expect(List.of(message(bin, true)));
                f.closeNormally();
            });
        }
    }

    // 2 Pings/Pongs
    private void pings() {
        pingCase("2.1", new byte[0], 0);
        pingCase("2.2", "Hello, world!".getBytes(StandardCharsets.UTF_8), 0);
        pingCase("2.3", hex("00fffefdfcfb00ff"), 0);
        pingCase("2.4", repeat("\u00fe", 125), 0);
        add("2.5", f -> {
            f.frame(9, repeat("\u00fe", 126), true, 0, 0);
            f.expectFailure(List.of(), null, PROTOCOL);
        });
        pingCase("2.6", repeat("\u00fe", 125), 1);
        add("2.7", f -> {
            f.frame(10, new byte[0], true, 0, 0);
            f.close(NORMAL, new byte[0]);
            f.expectCloseReply(NORMAL);
        });
        add("2.8", f -> {
            f.frame(10, "unsolicited pong payload");
            f.close(NORMAL, new byte[0]);
            f.expectCloseReply(NORMAL);
        });
        add("2.9", f -> {
            f.frame(10, "unsolicited pong payload");
            f.frame(9, "ping payload");
            f.expect(List.of(pong("ping payload")));
            f.closeNormally();
        });
        for (int variant = 0; variant < 2; variant++) {
            int chop = variant == 0 ? 0 : 1;
            add(variant == 0 ? "2.10" : "2.11", f -> {
                List<AutobahnFuzzer.Event> pongs = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    byte[] p = ("payload-" + i).getBytes(StandardCharsets.UTF_8);
                    f.frame(9, p, true, 0, chop);
                    pongs.add(pong(p));
                }
                f.expect(pongs);
                f.closeNormally();
            });
        }
    }

    private void pingCase(String id, byte[] payload, int chop) {
        add(id, f -> {
            f.frame(9, payload, true, 0, chop);
            f.expect(List.of(pong(payload)));
            f.closeNormally();
        });
    }

    // 3 Reserved bits
    private void reservedBits() {
        add("3.1", f -> {
            f.frame(1, "Hello, world!".getBytes(StandardCharsets.UTF_8), true, 1, 0);
            f.expectFailure(List.of(), null, PROTOCOL);
        });
        int[] rsv = {2, 3, 4};
        int[] chop = {0, 0, 1};
        for (int i = 0; i < 3; i++) {
            int r = rsv[i];
            int c = chop[i];
            add("3." + (i + 2), f -> {
                byte[] hello = "Hello, world!".getBytes(StandardCharsets.UTF_8);
                f.frame(1, hello, true, 0, c);
                f.frame(1, hello, true, r, c);
                f.frame(9, new byte[0], true, 0, c);
                f.expectFailure(List.of(message("Hello, world!")), List.of(), PROTOCOL);
            });
        }
        add("3.5", f -> {
            f.frame(2, hex("00fffefdfcfb00ff"), true, 5, 0);
            f.expectFailure(List.of(), null, PROTOCOL);
        });
        add("3.6", f -> {
            f.frame(2, "Hello, world!".getBytes(StandardCharsets.UTF_8), true, 6, 0);
            f.expectFailure(List.of(), null, PROTOCOL);
        });
        add("3.7", f -> {
            f.frame(8, new byte[0], true, 7, 0);
            f.expectFailure(List.of(), null, PROTOCOL);
        });
    }

    // 4 Opcodes
    private void opcodes() {
        opcodeCases("4.1", new int[] {3, 4, 5, 6, 7});
        opcodeCases("4.2", new int[] {11, 12, 13, 14, 15});
    }

    private void opcodeCases(String prefix, int[] ops) {
        byte[] hello = "Hello, world!".getBytes(StandardCharsets.UTF_8);
        add(prefix + ".1", f -> {
            f.frame(ops[0], new byte[0], true, 0, 0);
            f.expectFailure(List.of(), null, PROTOCOL);
        });
        add(prefix + ".2", f -> {
            f.frame(ops[1], "reserved opcode payload".getBytes(StandardCharsets.UTF_8), true, 0, 0);
            f.expectFailure(List.of(), null, PROTOCOL);
        });
        for (int i = 2; i < 5; i++) {
            int op = ops[i];
            int chop = i == 4 ? 1 : 0;
            byte[] payload = i == 2 ? new byte[0] : hello;
            add(prefix + "." + (i + 1), f -> {
                f.frame(1, hello, true, 0, chop);
                f.frame(op, payload, true, 0, chop);
                f.frame(9, new byte[0], true, 0, chop);
                f.expectFailure(List.of(message("Hello, world!")), List.of(), PROTOCOL);
            });
        }
    }

    // 5 Fragmentation
    private void fragmentation() {
        add("5.1", f -> {
            f.frame(9, "fragment1", false);
            f.frame(0, "fragment2", true);
            f.expectFailure(List.of(), null, PROTOCOL);
        });
        add("5.2", f -> {
            f.frame(10, "fragment1", false);
            f.frame(0, "fragment2", true);
            f.expectFailure(List.of(), null, PROTOCOL);
        });
        for (int i = 0; i < 3; i++) { // 5.3-5.5: plain, sync, chop 1
            int chop = i == 2 ? 1 : 0;
            add("5." + (i + 3), f -> {
                f.frame(1, "fragment1".getBytes(StandardCharsets.UTF_8), false, 0, chop);
                f.frame(0, "fragment2".getBytes(StandardCharsets.UTF_8), true, 0, chop);
                f.expect(List.of(message("fragment1fragment2")));
                f.closeNormally();
            });
        }
        for (int i = 0; i < 3; i++) { // 5.6-5.8: a Ping between the fragments
            int chop = i == 2 ? 1 : 0;
            add("5." + (i + 6), f -> {
                f.frame(1, "fragment1".getBytes(StandardCharsets.UTF_8), false, 0, chop);
                f.frame(9, "ping payload".getBytes(StandardCharsets.UTF_8), true, 0, chop);
                f.frame(0, "fragment2".getBytes(StandardCharsets.UTF_8), true, 0, chop);
                f.expect(List.of(pong("ping payload"), message("fragment1fragment2")));
                f.closeNormally();
            });
        }
        for (int i = 0; i < 6; i++) { // 5.9-5.14: a continuation with nothing to continue
            boolean fin = i < 3;
            int chop = i % 3 == 2 ? 1 : 0;
            add("5." + (i + 9), f -> {
                f.frame(0, "non-continuation payload".getBytes(StandardCharsets.UTF_8), fin, 0, chop);
                f.frame(1, "Hello, world!".getBytes(StandardCharsets.UTF_8), true, 0, chop);
                f.expectFailure(List.of(), null, PROTOCOL);
            });
        }
        add("5.15", f -> {
            f.frame(1, "fragment1", false);
            f.frame(0, "fragment2", true);
            f.frame(0, "fragment3", false);
            f.frame(1, "fragment4", true);
            f.expectFailure(List.of(message("fragment1fragment2")), List.of(), PROTOCOL);
        });
        add("5.16", f -> {
            for (int i = 0; i < 2; i++) {
                f.frame(0, "fragment1", false);
                f.frame(1, "fragment2", false);
                f.frame(0, "fragment3", true);
            }
            f.expectFailure(List.of(), null, PROTOCOL);
        });
        add("5.17", f -> {
            for (int i = 0; i < 2; i++) {
                f.frame(0, "fragment1", true);
                f.frame(1, "fragment2", false);
                f.frame(0, "fragment3", true);
            }
            f.expectFailure(List.of(), null, PROTOCOL);
        });
        add("5.18", f -> {
            f.frame(1, "fragment1", false);
            f.frame(1, "fragment2", true);
            f.expectFailure(List.of(), null, PROTOCOL);
        });
        for (int i = 0; i < 2; i++) { // 5.19, 5.20 (sync): Pings inside a message that arrives in two parts
            add("5." + (i + 19), "Autobahn waits 1 s between the parts; here part 2 follows the first Pong", f -> {
                f.frame(1, "fragment1", false);
                f.frame(0, "fragment2", false);
                f.frame(9, "pongme 1!");
                f.awaitEvents(1);
                f.frame(0, "fragment3", false);
                f.frame(0, "fragment4", false);
                f.frame(9, "pongme 2!");
                f.frame(0, "fragment5", true);
                f.expect(List.of(pong("pongme 1!"), pong("pongme 2!"),
                        message("fragment1fragment2fragment3fragment4fragment5")));
                f.closeNormally();
            });
        }
    }

    // 6 UTF-8 handling
    private void utf8() {
        add("6.1.1", f -> {
            f.frame(1, "");
            f.expect(List.of(message("")));
            f.closeNormally();
        });
        add("6.1.2", f -> {
            f.frame(1, "", false);
            f.frame(0, "", false);
            f.frame(0, "", true);
            f.expect(List.of(message("")));
            f.closeNormally();
        });
        add("6.1.3", f -> {
            f.frame(1, "", false);
            f.frame(0, "middle frame payload", false);
            f.frame(0, "", true);
            f.expect(List.of(message("middle frame payload")));
            f.closeNormally();
        });
        String p = "Hello-\u00b5@\u00df\u00f6\u00e4\u00fc\u00e0\u00e1-UTF-8!!";
        add("6.2.1", f -> {
            f.message(p, 0);
            f.expect(List.of(message(p)));
            f.closeNormally();
        });
        add("6.2.2", f -> {
            f.frame(1, "Hello-\u00b5@\u00df\u00f6\u00e4", false);
            f.frame(0, "\u00fc\u00e0\u00e1-UTF-8!!", true);
            f.expect(List.of(message(p)));
            f.closeNormally();
        });
        add("6.2.3", f -> {
            f.message(p, 1);
            f.expect(List.of(message(p)));
            f.closeNormally();
        });
        byte[] kosme = hex("cebae1bdb9cf83cebcceb5");
        add("6.2.4", f -> {
            f.message(kosme, false, 1);
            f.expect(List.of(message(kosme, false)));
            f.closeNormally();
        });
        byte[] invalid = hex("cebae1bdb9cf83cebcceb5" + "eda080" + "656469746564");
        add("6.3.1", f -> {
            f.message(invalid, false, 0);
            f.expectFailure(List.of(), null, INVALID);
        });
        add("6.3.2", f -> {
            f.message(invalid, false, 1);
            f.expectFailure(List.of(), null, INVALID);
        });
        byte[] p1 = kosme;
        byte[] p2 = hex("f4908080");
        byte[] p3 = hex("656469746564");
        byte[] whole = concat(p1, p2, p3);
        String failFast = "Autobahn sends the rest after 1 s unless closed; here nothing more is sent before our side fails";
        add("6.4.1", failFast, f -> {
            f.frame(1, p1, false, 0, 0);
            f.frame(0, p2, false, 0, 0);
            f.expectFailure(List.of(), null, INVALID);
        });
        add("6.4.2", failFast, f -> {
            f.frame(1, java.util.Arrays.copyOfRange(whole, 0, 12), false, 0, 0);
            f.frame(0, java.util.Arrays.copyOfRange(whole, 12, 13), false, 0, 0);
            f.expectFailure(List.of(), null, INVALID);
        });
        add("6.4.3", failFast, f -> { // one frame whose payload arrives in parts
            byte[] frame = f.peer.encode(true, 0, 1, whole);
            int header = frame.length - whole.length;
            f.raw(java.util.Arrays.copyOfRange(frame, 0, header + p1.length));
            f.raw(java.util.Arrays.copyOfRange(frame, header + p1.length, header + p1.length + p2.length));
            f.expectFailure(List.of(), null, INVALID);
        });
        add("6.4.4", failFast, f -> {
            byte[] frame = f.peer.encode(true, 0, 1, whole);
            int header = frame.length - whole.length;
            f.raw(java.util.Arrays.copyOfRange(frame, 0, header + 12));
            f.raw(java.util.Arrays.copyOfRange(frame, header + 12, header + 13));
            f.expectFailure(List.of(), null, INVALID);
        });
        List<List<Utf8Sequences.Sequence>> groups = Utf8Sequences.groups();
        for (int g = 0; g < groups.size(); g++) {
            List<Utf8Sequences.Sequence> group = groups.get(g);
            for (int j = 0; j < group.size(); j++) {
                Utf8Sequences.Sequence s = group.get(j);
                add("6." + (g + 5) + "." + (j + 1), f -> {
                    f.message(s.bytes(), false, 0);
                    if (s.valid()) {
                        f.expect(List.of(message(s.bytes(), false)));
                        f.closeNormally();
                    } else {
                        f.expectFailure(List.of(), null, INVALID);
                    }
                });
            }
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    // 7 Close handling
    private void closing() {
        add("7.1.1", f -> {
            f.frame(1, "Hello World!");
            f.expect(List.of(message("Hello World!")));
            f.closeNormally();
        });
        add("7.1.2", f -> {
            f.close(NORMAL, new byte[0]);
            f.frame(8, new byte[0], true, 0, 0);
            f.expectCloseReply(NORMAL);
        });
        add("7.1.3", f -> {
            f.close(NORMAL, new byte[0]);
            f.frame(9, new byte[0], true, 0, 0);
            f.expectCloseReply(NORMAL);
        });
        add("7.1.4", f -> {
            f.close(NORMAL, new byte[0]);
            f.frame(1, "Hello World!");
            f.expectCloseReply(NORMAL);
        });
        add("7.1.5", f -> {
            f.frame(1, "fragment1", false);
            f.close(NORMAL, new byte[0]);
            f.frame(0, "fragment2", true);
            f.expectCloseReply(NORMAL);
        });
        add("7.1.6", "informational in Autobahn: whether the text is echoed before the Close is not judged", f -> {
            f.frame(1, repeat("BAsd7&jh23", 256 * 1024), true, 0, 0);
            f.frame(1, "Hello World!");
            f.close(NORMAL, new byte[0]);
            f.frame(9, new byte[0], true, 0, 0);
            f.anyEventsBeforeClose();
            f.expectCloseReply(NORMAL);
        });
        add("7.3.1", f -> {
            f.close(-1, new byte[0]);
            f.expectCloseReply(NORMAL);
        });
        add("7.3.2", f -> {
            f.frame(8, "a".getBytes(StandardCharsets.UTF_8), true, 0, 0);
            f.expectCloseReply(PROTOCOL);
        });
        add("7.3.3", f -> {
            f.close(NORMAL, new byte[0]);
            f.expectCloseReply(NORMAL);
        });
        add("7.3.4", f -> {
            f.close(NORMAL, "Hello World!".getBytes(StandardCharsets.UTF_8));
            f.expectCloseReply(NORMAL);
        });
        add("7.3.5", f -> {
            f.close(NORMAL, repeat("*", 123));
            f.expectCloseReply(NORMAL);
        });
        add("7.3.6", f -> {
            f.close(NORMAL, repeat("*", 124));
            f.expectCloseReply(PROTOCOL);
        });
        add("7.5.1", f -> {
            f.close(NORMAL, hex("cebae1bdb9cf83cebcceb5eda080656469746564"));
            f.expectCloseReply(PROTOCOL, INVALID);
        });
        int[] valid = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999};
        for (int i = 0; i < valid.length; i++) {
            int code = valid[i];
            add("7.7." + (i + 1), f -> {
                f.close(code, new byte[0]);
                f.expectCloseReply(NORMAL, code);
            });
        }
        int[] invalid = {0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999};
        for (int i = 0; i < invalid.length; i++) {
            int code = invalid[i];
            add("7.9." + (i + 1), f -> {
                f.close(code, new byte[0]);
                f.expectCloseReply(PROTOCOL);
            });
        }
        add("7.13.1", "informational in Autobahn (code 5000: events undefined by the spec)", f -> {
            f.close(5000, new byte[0]);
            f.expectCloseReply(NORMAL, 5000, PROTOCOL);
        });
        add("7.13.2", "informational in Autobahn (code 65535: events undefined by the spec)", f -> {
            f.close(65535, new byte[0]);
            f.expectCloseReply(NORMAL, 65535, PROTOCOL);
        });
    }

    // 9 Limits/performance (Autobahn also reports the time taken; no test here asserts a timing)
    private void limits() {
        String timing = "the time Autobahn reports is not measured (timings belong in benchmarks)";
        int[] sizes = {64 << 10, 256 << 10, 1 << 20, 4 << 20, 8 << 20, 16 << 20};
        for (int i = 0; i < sizes.length; i++) {
            byte[] text = repeat("BAsd7&jh23", sizes[i]);
            add("9.1." + (i + 1), timing, f -> {
                f.frame(1, text, true, 0, 0);
                f.expect(List.of(message(text, false)));
                f.closeNormally();
            });
            byte[] bin = repeat("\u0000\u00fe\u0023\u00fa\u00f0", sizes[i]);
            add("9.2." + (i + 1), timing, f -> {
                f.frame(2, bin, true, 0, 0);
                f.expect(List.of(message(bin, true)));
                f.closeNormally();
            });
        }
        int[] fragments = {64, 256, 1 << 10, 4 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20};
        byte[] stars = repeat("*", 4 << 20);
        byte[] fe = repeat("\u00fe", 4 << 20);
        for (int i = 0; i < fragments.length; i++) {
            int size = fragments[i];
            add("9.3." + (i + 1), timing, f -> {
                f.message(stars, false, size);
                f.expect(List.of(message(stars, false)));
                f.closeNormally();
            });
            add("9.4." + (i + 1), timing, f -> {
                f.message(fe, true, size);
                f.expect(List.of(message(fe, true)));
                f.closeNormally();
            });
        }
        int[] chops = {64, 128, 256, 512, 1024, 2048};
        byte[] text1m = repeat("BAsd7&jh23", 1 << 20);
        byte[] bin1m = repeat("\u0000\u00fe\u0023\u00fa\u00f0", 1 << 20);
        for (int i = 0; i < chops.length; i++) {
            int chop = chops[i];
            add("9.5." + (i + 1), timing, f -> {
                f.frame(1, text1m, true, 0, chop);
                f.expect(List.of(message(text1m, false)));
                f.closeNormally();
            });
            add("9.6." + (i + 1), timing, f -> {
                f.frame(2, bin1m, true, 0, chop);
                f.expect(List.of(message(bin1m, true)));
                f.closeNormally();
            });
        }
        int[] lengths = {0, 16, 64, 256, 1024, 4096};
        for (int b = 0; b < 2; b++) {
            boolean binary = b == 1;
            for (int i = 0; i < lengths.length; i++) {
                byte[] payload = repeat(binary ? "\u00fe" : "*", lengths[i]);
                add((binary ? "9.8." : "9.7.") + (i + 1), timing, f -> {
                    for (int k = 0; k < 1000; k++) { // one message, its echo, then the next
                        f.frame(binary ? 2 : 1, payload, true, 0, 0);
                        f.expect(java.util.Collections.nCopies(k + 1, message(payload, binary)));
                    }
                    f.closeNormally();
                });
            }
        }
    }

    // 10 Auto-fragmentation
    private void autoFragmentation() {
        byte[] payload = repeat("*", 65536);
        add("10.1.1", "Autobahn counts its own frames (1300-byte auto-fragments); here the fragmented message must echo",
                f -> {
                    f.message(payload, false, 1300);
                    f.expect(List.of(message(payload, false)));
                    f.closeNormally();
                });
    }
}

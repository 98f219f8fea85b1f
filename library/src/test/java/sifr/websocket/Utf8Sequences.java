package sifr.websocket;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The UTF-8 test sequences of Autobahn cases 6.5-6.23, in Autobahn's order (its
 * {@code createUtf8TestSequences()}, after Markus Kuhn's UTF-8-test.txt): test vectors, each with
 * whether it is valid UTF-8.
 */
final class Utf8Sequences {
    record Sequence(boolean valid, byte[] bytes) {
    }

    private Utf8Sequences() {
    }

    private static Sequence v(String hex) {
        return new Sequence(true, HexFormat.of().parseHex(hex));
    }

    private static Sequence x(String hex) {
        return new Sequence(false, HexFormat.of().parseHex(hex));
    }

    private static String h(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static List<List<Sequence>> groups() {
        List<List<Sequence>> g = new ArrayList<>();
        String kosme = "cebae1bdb9cf83cebcceb5";
        // 6.5 some valid UTF-8 sequences
        g.add(List.of(v(h("hello") + "24" + h("world")), v(h("hello") + "c2a2" + h("world")),
                v(h("hello") + "e282ac" + h("world")), v(h("hello") + "f0a4ada2" + h("world")), v(kosme)));
        // 6.6 all prefixes of κόσμε: valid exactly where a character ends (after bytes 2, 5, 7, 9, 11)
        List<Sequence> prefixes = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            String p = kosme.substring(0, 2 * i);
            prefixes.add(new Sequence(i == 2 || i == 5 || i == 7 || i == 9 || i == 11, HexFormat.of().parseHex(p)));
        }
        g.add(prefixes);
        // 6.7 first possible sequence of each length; 6.8 five and six byte forms
        g.add(List.of(v("00"), v("c280"), v("e0a080"), v("f0908080")));
        g.add(List.of(x("f888808080"), x("fc8480808080")));
        // 6.9 last possible sequence of each length; 6.10 beyond U+10FFFF
        g.add(List.of(v("7f"), v("dfbf"), v("efbfbf"), v("f48fbfbf")));
        g.add(List.of(x("f7bfbfbf"), x("fbbfbfbfbf"), x("fdbfbfbfbfbf")));
        // 6.11 other boundary conditions
        g.add(List.of(v("ed9fbf"), v("ee8080"), v("efbfbd"), v("f48fbfbf"), x("f4908080")));
        // 6.12 unexpected continuation bytes
        StringBuilder cont = new StringBuilder();
        for (int i = 0x80; i < 0xbf; i++) {
            cont.append(String.format("%02x", i));
        }
        g.add(List.of(x("80"), x("bf"), x("80bf"), x("80bf80"), x("80bf80bf"), x("80bf80bf80"), x("80bf80bf80bf"),
                x(cont.toString())));
        // 6.13 lonely start characters, each followed by a space
        int[][] ranges = {{0xc0, 0xdf}, {0xe0, 0xef}, {0xf0, 0xf7}, {0xf8, 0xfb}, {0xfc, 0xfd}};
        List<Sequence> lonely = new ArrayList<>();
        for (int[] r : ranges) {
            StringBuilder s = new StringBuilder();
            for (int i = r[0]; i < r[1]; i++) {
                s.append(String.format("%02x20", i));
            }
            lonely.add(x(s.toString()));
        }
        g.add(lonely);
        // 6.14 sequences with the last continuation byte missing; 6.15 all of them concatenated
        String[] missing = {"c0", "e080", "f08080", "f8808080", "fc80808080", "df", "efbf", "f7bfbf", "fbbfbfbf", "fdbfbfbfbf"};
        List<Sequence> incomplete = new ArrayList<>();
        for (String m : missing) {
            incomplete.add(x(m));
        }
        g.add(incomplete);
        g.add(List.of(x(String.join("", missing))));
        // 6.16 impossible bytes
        g.add(List.of(x("fe"), x("ff"), x("fefeffff")));
        // 6.17 overlong ASCII '/'; 6.18 maximum overlong sequences; 6.19 overlong NUL
        g.add(List.of(x("c0af"), x("e080af"), x("f08080af"), x("f8808080af"), x("fc80808080af")));
        g.add(List.of(x("c1bf"), x("e09fbf"), x("f08fbfbf"), x("f887bfbfbf"), x("fc83bfbfbfbf")));
        g.add(List.of(x("c080"), x("e08080"), x("f0808080"), x("f880808080"), x("fc8080808080")));
        // 6.20 single UTF-16 surrogates; 6.21 paired surrogates
        g.add(List.of(x("eda080"), x("edadbf"), x("edae80"), x("edafbf"), x("edb080"), x("edbe80"), x("edbfbf")));
        g.add(List.of(x("eda080edb080"), x("eda080edbfbf"), x("edadbfedb080"), x("edadbfedbfbf"), x("edae80edb080"),
                x("edae80edbfbf"), x("edafbfedb080"), x("edafbfedbfbf")));
        // 6.22 noncharacters (valid UTF-8)
        List<Sequence> nonchars = new ArrayList<>(List.of(v("efbfbe"), v("efbfbf")));
        for (String z1 : new String[] {"f0", "f1", "f2", "f3", "f4"}) {
            for (String z2 : new String[] {"8f", "9f", "af", "bf"}) {
                if (z1.equals("f4") && !z2.equals("8f")) {
                    continue; // above U+10FFFF
                }
                for (String z3 : new String[] {"be", "bf"}) {
                    String zz = z1 + z2 + "bf" + z3;
                    if (!zz.equals("f08fbfbe") && !zz.equals("f08fbfbf")) { // overlong
                        nonchars.add(v(zz));
                    }
                }
            }
        }
        g.add(nonchars);
        // 6.23 Unicode specials
        g.add(List.of(v("efbfb9"), v("efbfba"), v("efbfbb"), v("efbfbc"), v("efbfbd"), v("efbfbe"), v("efbfbf")));
        return g;
    }
}

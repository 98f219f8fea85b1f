package sifr.url.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Generates {@code library/src/main/resources/sifr/url/internal/unicode-tables.bin}, the compact
 * Unicode tables that {@code Idna} reads at run time, from the UTS #46 mapping table and Debian's
 * {@code unicode-data} files. Needs only the JDK; the output is byte-for-byte reproducible.
 * From the repository root:
 * <pre>
 * java library/src/test/java/sifr/url/internal/UnicodeTablesGenerator.java \
 *     testdata/unicode/IdnaMappingTable-15.1.0.txt /usr/share/unicode \
 *     library/src/main/resources/sifr/url/internal/unicode-tables.bin
 * </pre>
 * Format (zlib-deflated {@link DataOutputStream}): magic {@code "SUT1"}; the IDNA table as
 * {@code n, n × (start int, status byte, mapping offset int, mapping length short)} plus the
 * mapping pool ({@code count int, count chars}); then three range tables (flags, joining type,
 * bidi class) each as {@code n, n × (start int, value byte)}. Each range runs to the next start.
 * The value codes are the constants below, mirrored in {@code UnicodeTables}.
 */
public final class UnicodeTablesGenerator {
    // IDNA statuses with UseSTD3ASCIIRules=false and nontransitional processing folded in.
    static final int VALID = 0;
    static final int IGNORED = 1;
    static final int MAPPED = 2;
    static final int DISALLOWED = 3;
    // Flags.
    static final int MARK = 1;
    static final int VIRAMA = 2;
    // Joining types.
    static final String JOINING_TYPES = "ULRDCT";
    // Bidi classes the Bidi Rule (RFC 5893) distinguishes; everything else is OTHER (0).
    static final List<String> BIDI = List.of("OTHER", "L", "R", "AL", "AN", "EN", "ES", "CS", "ET", "ON", "BN", "NSM");
    private static final int MAX = 0x110000;

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: UnicodeTablesGenerator IdnaMappingTable.txt UNICODE_DIR OUTPUT");
            System.exit(2);
        }
        byte[] bytes = generate(Path.of(args[0]), Path.of(args[1]));
        Files.write(Path.of(args[2]), bytes);
        System.out.println("wrote " + bytes.length + " bytes to " + args[2]);
    }

    public static byte[] generate(Path idnaTable, Path unicodeDir) throws IOException {
        int[] status = new int[MAX];
        String[] mapping = new String[MAX];
        for (String line : dataLines(idnaTable)) {
            String[] f = fields(line);
            int[] range = range(f[0]);
            String kind = f[1];
            int s;
            String map = null;
            switch (kind) {
                case "valid", "deviation", "disallowed_STD3_valid" -> s = VALID;
                case "ignored" -> s = IGNORED;
                case "mapped", "disallowed_STD3_mapped" -> {
                    s = MAPPED;
                    map = codePoints(f[2]);
                }
                case "disallowed" -> s = DISALLOWED;
                default -> throw new IOException("unknown IDNA status " + kind);
            }
            for (int cp = range[0]; cp <= range[1]; cp++) {
                status[cp] = s;
                mapping[cp] = map;
            }
        }
        applyUnicode16Changes(status, mapping, unicodeDir);
        int[] flags = new int[MAX];
        for (String line : dataLines(unicodeDir.resolve("extracted/DerivedGeneralCategory.txt"))) {
            String[] f = fields(line);
            if (f[1].startsWith("M")) {
                fill(flags, range(f[0]), MARK, true);
            }
        }
        for (String line : dataLines(unicodeDir.resolve("extracted/DerivedCombiningClass.txt"))) {
            String[] f = fields(line);
            if (f[1].equals("9")) {
                fill(flags, range(f[0]), VIRAMA, true);
            }
        }
        int[] joining = new int[MAX];
        for (String line : dataLines(unicodeDir.resolve("extracted/DerivedJoiningType.txt"))) {
            String[] f = fields(line);
            fill(joining, range(f[0]), JOINING_TYPES.indexOf(f[1]), false);
        }
        int[] bidi = new int[MAX];
        Path bidiFile = unicodeDir.resolve("extracted/DerivedBidiClass.txt");
        fill(bidi, new int[] {0, MAX - 1}, BIDI.indexOf("L"), false);
        for (String line : Files.readAllLines(bidiFile, StandardCharsets.UTF_8)) {
            if (line.startsWith("# @missing:")) { // defaults for unassigned code points, in file order
                String[] f = fields(line.substring("# @missing:".length()));
                fill(bidi, range(f[0]), bidiCode(longBidiName(f[1])), false);
            }
        }
        for (String line : dataLines(bidiFile)) {
            String[] f = fields(line);
            fill(bidi, range(f[0]), bidiCode(f[1]), false);
        }

        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(raw);
        out.writeBytes("SUT1");
        StringBuilder pool = new StringBuilder();
        List<int[]> idna = new ArrayList<>();
        for (int cp = 0; cp < MAX; cp++) {
            boolean same = cp > 0 && status[cp] == status[cp - 1]
                    && (mapping[cp] == null ? mapping[cp - 1] == null : mapping[cp].equals(mapping[cp - 1]));
            if (!same) {
                int offset = 0;
                int length = 0;
                if (mapping[cp] != null) {
                    offset = pool.indexOf(mapping[cp]);
                    if (offset < 0) {
                        offset = pool.length();
                        pool.append(mapping[cp]);
                    }
                    length = mapping[cp].length();
                }
                idna.add(new int[] {cp, status[cp], offset, length});
            }
        }
        out.writeInt(idna.size());
        for (int[] e : idna) {
            out.writeInt(e[0]);
            out.writeByte(e[1]);
            out.writeInt(e[2]);
            out.writeShort(e[3]);
        }
        out.writeInt(pool.length());
        out.writeChars(pool.toString());
        writeRanges(out, flags);
        writeRanges(out, joining);
        writeRanges(out, bidi);
        out.flush();

        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, deflater)) {
            z.write(raw.toByteArray());
        }
        deflater.end();
        return compressed.toByteArray();
    }

    /**
     * UTS #46 revision 33 (Unicode 16.0) dropped the IDNA2003-compatibility exceptions that 15.1
     * still lists as {@code disallowed}; the web-platform tests (and browsers) expect the 16.0
     * results. These are exactly those code points, with the 16.0 derivation applied: default
     * ignorables are ignored, letters map to their lowercase, compatibility ideographs to their
     * canonical decomposition (both read from UnicodeData.txt, not typed in here).
     */
    private static void applyUnicode16Changes(int[] status, String[] mapping, Path unicodeDir) throws IOException {
        int[][] ignored = {{0x115F, 0x1160}, {0x17B4, 0x17B5}, {0x180E, 0x180E}, {0x206A, 0x206F}, {0x3164, 0x3164},
            {0xFFA0, 0xFFA0}};
        int[][] lowercased = {{0x04C0, 0x04C0}, {0x10A0, 0x10C5}, {0x2132, 0x2132}, {0x2183, 0x2183}};
        int[] decomposed = {0x2F868, 0x2F874, 0x2F91F, 0x2F95F, 0x2F9BF};
        String[] lower = new String[MAX];
        String[] decomposition = new String[MAX];
        for (String line : Files.readAllLines(unicodeDir.resolve("UnicodeData.txt"), StandardCharsets.UTF_8)) {
            String[] f = line.split(";", -1);
            int cp = Integer.parseInt(f[0], 16);
            if (!f[13].isEmpty()) {
                lower[cp] = codePoints(f[13]);
            }
            if (!f[5].isEmpty() && !f[5].startsWith("<")) {
                decomposition[cp] = codePoints(f[5]);
            }
        }
        for (int[] r : ignored) {
            for (int cp = r[0]; cp <= r[1]; cp++) {
                status[cp] = IGNORED;
                mapping[cp] = null;
            }
        }
        for (int[] r : lowercased) {
            for (int cp = r[0]; cp <= r[1]; cp++) {
                status[cp] = MAPPED;
                mapping[cp] = require(lower[cp], cp);
            }
        }
        for (int cp : decomposed) {
            status[cp] = MAPPED;
            mapping[cp] = require(decomposition[cp], cp);
        }
    }

    private static String require(String value, int cp) throws IOException {
        if (value == null) {
            throw new IOException("UnicodeData.txt has no mapping for U+" + Integer.toHexString(cp));
        }
        return value;
    }

    private static void writeRanges(DataOutputStream out, int[] values) throws IOException {
        List<Integer> starts = new ArrayList<>();
        for (int cp = 0; cp < MAX; cp++) {
            if (cp == 0 || values[cp] != values[cp - 1]) {
                starts.add(cp);
            }
        }
        out.writeInt(starts.size());
        for (int start : starts) {
            out.writeInt(start);
            out.writeByte(values[start]);
        }
    }

    private static void fill(int[] table, int[] range, int value, boolean or) {
        for (int cp = range[0]; cp <= range[1]; cp++) {
            table[cp] = or ? table[cp] | value : value;
        }
    }

    private static int bidiCode(String shortName) {
        int code = BIDI.indexOf(shortName);
        return code < 0 ? 0 : code;
    }

    private static String longBidiName(String name) {
        return switch (name) {
            case "Left_To_Right" -> "L";
            case "Right_To_Left" -> "R";
            case "Arabic_Letter" -> "AL";
            case "European_Terminator" -> "ET";
            case "Boundary_Neutral" -> "BN";
            default -> "OTHER";
        };
    }

    private static List<String> dataLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int hash = line.indexOf('#');
            String data = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!data.isEmpty()) {
                lines.add(data);
            }
        }
        return lines;
    }

    private static String[] fields(String line) {
        int hash = line.indexOf('#');
        String[] f = (hash >= 0 ? line.substring(0, hash) : line).split(";");
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].trim();
        }
        return f;
    }

    private static int[] range(String field) {
        int dots = field.indexOf("..");
        if (dots < 0) {
            int cp = Integer.parseInt(field, 16);
            return new int[] {cp, cp};
        }
        return new int[] {Integer.parseInt(field.substring(0, dots), 16), Integer.parseInt(field.substring(dots + 2), 16)};
    }

    private static String codePoints(String field) {
        StringBuilder b = new StringBuilder();
        for (String hex : field.trim().split("\\s+")) {
            if (!hex.isEmpty()) {
                b.appendCodePoint(Integer.parseInt(hex, 16));
            }
        }
        return b.toString();
    }
}

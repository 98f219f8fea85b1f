package sifr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No {@code synchronized} in the library's code (comments and strings aside). On JDK 21 a virtual
 * thread blocked on I/O inside {@code synchronized} pins its carrier thread; the library supports JDK
 * 21 but its tests run on a newer JDK where that no longer pins, so the JFR pinning recorder cannot
 * see it. This source rule can: locks are {@code ReentrantLock}s (DESIGN.md, "Concurrency model").
 */
class NoSynchronizedInLibraryTest {

    @Test
    void libraryMainSourcesNeverUseSynchronized() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).isDirectory();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String code = JavaCode.withoutCommentsAndLiterals(Files.readString(file));
                int line = 1;
                for (int i = 0; i < code.length(); i++) {
                    if (code.charAt(i) == '\n') {
                        line++;
                    } else if (code.startsWith("synchronized", i) && JavaCode.isWordAt(code, i, "synchronized".length())) {
                        found.add(sources.relativize(file) + ":" + line);
                    }
                }
            }
        }
        assertThat(found).as("uses of synchronized in library code (use ReentrantLock)").isEmpty();
    }

    @Test
    void theScannerIgnoresCommentsAndStringsButSeesCode() {
        String sample = """
                // synchronized in a line comment
                /* synchronized in a block comment */
                String s = "synchronized"; char c = 's';
                String t = \"""
                    synchronized in a text block
                    \""";
                synchronized (this) { }
                """;
        String code = JavaCode.withoutCommentsAndLiterals(sample);
        assertThat(code.split("synchronized", -1)).hasSize(2);
        assertThat(code.lines().count()).isEqualTo(sample.lines().count());
    }

    /** A minimal Java lexer: blanks out comments and literals, keeping line breaks. */
    static final class JavaCode {
        private JavaCode() {
        }

        static String withoutCommentsAndLiterals(String source) {
            StringBuilder out = new StringBuilder(source.length());
            int i = 0;
            int n = source.length();
            while (i < n) {
                char c = source.charAt(i);
                int end;
                if (source.startsWith("//", i)) {
                    end = source.indexOf('\n', i);
                    end = end < 0 ? n : end;
                } else if (source.startsWith("/*", i)) {
                    end = source.indexOf("*/", i + 2);
                    end = end < 0 ? n : end + 2;
                } else if (source.startsWith("\"\"\"", i)) {
                    end = closing(source, i + 3, "\"\"\"");
                } else if (c == '"' || c == '\'') {
                    end = closing(source, i + 1, String.valueOf(c));
                } else {
                    out.append(c);
                    i++;
                    continue;
                }
                for (int k = i; k < end; k++) {
                    out.append(source.charAt(k) == '\n' ? '\n' : ' ');
                }
                i = end;
            }
            return out.toString();
        }

        /** Index just after the unescaped {@code quote} that closes a literal opened before {@code from}. */
        private static int closing(String source, int from, String quote) {
            int i = from;
            while (i < source.length()) {
                if (source.charAt(i) == '\\') {
                    i += 2;
                } else if (source.startsWith(quote, i)) {
                    return i + quote.length();
                } else {
                    i++;
                }
            }
            return source.length();
        }

        static boolean isWordAt(String code, int start, int length) {
            boolean before = start == 0 || !Character.isJavaIdentifierPart(code.charAt(start - 1));
            int after = start + length;
            return before && (after == code.length() || !Character.isJavaIdentifierPart(code.charAt(after)));
        }
    }
}

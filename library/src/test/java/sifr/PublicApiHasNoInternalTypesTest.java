package sifr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No type of an {@code internal} package shows in the public API: for every public type of an
 * exported package (module-info.java), its superclass, interfaces, and every public or protected
 * field, constructor and method (return type, parameter types, declared exceptions, type arguments).
 * Runtime failures are kept public by {@code sifr.http.internal.PublicErrors}; tests of the
 * misuse cases check the thrown types (e.g. {@code HttpMisuseTest}).
 */
class PublicApiHasNoInternalTypesTest {

    static List<String> exportedPackages() throws IOException {
        String moduleInfo = Files.readString(Path.of("src/main/java/module-info.java"), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("exports\\s+([\\w.]+)\\s*;").matcher(moduleInfo);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static List<Class<?>> publicTypes(String pkg) throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(sifr.http.Http.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes.resolve(pkg.replace('.', '/')))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = f.getFileName().toString();
                Class<?> c = Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()), false,
                        PublicApiHasNoInternalTypesTest.class.getClassLoader());
                if (isVisible(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** Public, and for a nested type public or protected all the way out. */
    private static boolean isVisible(Class<?> c) {
        if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
            return false;
        }
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            int mod = k.getModifiers();
            if (!Modifier.isPublic(mod) && !(k.getDeclaringClass() != null && Modifier.isProtected(mod))) {
                return false;
            }
        }
        return true;
    }

    private static boolean exposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(List<String> found, String where, Type... types) {
        for (Type t : types) {
            if (t != null && t.getTypeName().contains(".internal.")) {
                found.add(where + " uses " + t.getTypeName());
            }
        }
    }

    static List<String> internalTypesIn(Class<?> c) {
        List<String> found = new ArrayList<>();
        check(found, c.getName() + " extends", c.getGenericSuperclass());
        check(found, c.getName() + " implements", c.getGenericInterfaces());
        Class<?>[] permitted = c.getPermittedSubclasses();
        if (permitted != null) {
            check(found, c.getName() + " permits", permitted);
        }
        for (Field f : c.getDeclaredFields()) {
            if (exposed(f.getModifiers()) && !f.isSynthetic()) {
                check(found, c.getName() + "." + f.getName(), f.getGenericType());
            }
        }
        List<Executable> executables = new ArrayList<>(List.of(c.getDeclaredMethods()));
        executables.addAll(List.<Constructor<?>>of(c.getDeclaredConstructors()));
        for (Executable e : executables) {
            if (!exposed(e.getModifiers()) || e.isSynthetic() || e instanceof Method m && m.isBridge()) {
                continue;
            }
            String where = c.getName() + "." + e.getName();
            check(found, where + " parameter", e.getGenericParameterTypes());
            check(found, where + " throws", e.getGenericExceptionTypes());
            if (e instanceof Method m) {
                check(found, where + " returns", m.getGenericReturnType());
            }
        }
        return found;
    }

    @Test
    void exportedPackagesAreThePublicOnes() throws IOException {
        assertThat(exportedPackages()).containsExactlyInAnyOrder("sifr.task", "sifr.net", "sifr.tls", "sifr.http", "sifr.url",
                "sifr.websocket");
    }

    @Test
    void noPublicSignatureMentionsAnInternalType() throws Exception {
        List<String> found = new ArrayList<>();
        int scanned = 0;
        for (String pkg : exportedPackages()) {
            for (Class<?> c : publicTypes(pkg)) {
                scanned++;
                found.addAll(internalTypesIn(c));
            }
        }
        assertThat(scanned).as("public types scanned").isGreaterThan(50);
        assertThat(found).isEmpty();
    }

    /** The scan itself finds what it looks for (a public class of ours that does expose one). */
    @Test
    void theScanSeesAnInternalTypeInASignature() {
        assertThat(internalTypesIn(Exposing.class)).containsExactly(
                "sifr.PublicApiHasNoInternalTypesTest$Exposing.parse throws uses sifr.http.internal.h1.H1ParseError");
    }

    public static final class Exposing {
        public void parse() throws sifr.http.internal.h1.H1ParseError {
        }
    }
}

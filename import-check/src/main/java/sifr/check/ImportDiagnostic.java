package sifr.check;

/** The text of SIFR-IMPORT-0008, in Sifr's diagnostic shape, shared by the plugin and {@code sifr check}. */
public final class ImportDiagnostic {

    /** The stable code. */
    public static final String CODE = "SIFR-IMPORT-0008";

    /** Code inside this module is exempt: it is the one place that builds on the JDK's networking. */
    public static final String EXEMPT_MODULE = "sifr";

    private ImportDiagnostic() {
    }

    /** {@code error[SIFR-IMPORT-0008]: legacy JDK networking API 'java.net.Socket'; Sifr networking lives under 'sifr.*'}. */
    public static String headline(Severity severity, String legacyName) {
        return severity.label() + "[" + CODE + "]: legacy JDK networking API '" + legacyName
                + "'; Sifr networking lives under 'sifr.*'";
    }

    /** {@code help: use 'sifr.net.TcpStream' (Net.connectTcp)}. */
    public static String help(LegacyApi api) {
        return "help: " + api.help();
    }

    /** Headline and help on two lines: the message javac prints (it shows the source line between them). */
    public static String message(Severity severity, Finding finding) {
        return finding.headline(severity) + "\n" + finding.help();
    }
}

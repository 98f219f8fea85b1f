package sifr.cli;

/** The text of {@code sifr help}. */
final class Help {
    private Help() {
    }

    static final String TEXT = """
            sifr — Sifr networking for Java

            usage: sifr <command> [arguments]

            commands:
              demo      a guided tour: runs the seed's examples for real, one line per step
              version   prints the version
              help      prints this text

            From a checkout, ./sifr test runs the whole test suite.
            """;
}

package sifr.check;

/** How a finding is reported: as an error (the default) or, with the {@code warn} option, a warning. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** {@code error} or {@code warning}, as printed before the code. */
    public String label() {
        return label;
    }
}

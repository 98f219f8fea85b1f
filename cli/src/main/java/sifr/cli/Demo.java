package sifr.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code sifr demo}: runs every {@link DemoStep} in order and prints one line per step. */
final class Demo {

    /** The tour, in order. Each layer adds its steps here as it lands. */
    static List<DemoStep> steps() {
        return List.of(
                new HttpSubstrateStep(),
                new CookieStep(),
                new BodyLimitStep(),
                new TcpPingEchoStep(),
                new TcpDeadlineStep(),
                new TaskScopesStep(),
                new Http1ExchangeStep(),
                new UrlStep(),
                new TlsPingPongStep(),
                new H2cPriorKnowledgeStep(),
                new H2TlsStep(),
                new ImportCheckStep()
        );
    }

    private final PrintStream out;

    Demo(PrintStream out) {
        this.out = out;
    }

    int run(String[] args) {
        if (args.length > 0) {
            throw new IllegalArgumentException("demo takes no arguments");
        }
        List<DemoStep> steps = steps();
        int failures = 0;
        for (int i = 0; i < steps.size(); i++) {
            DemoStep step = steps.get(i);
            String prefix = "[" + (i + 1) + "/" + steps.size() + "] " + step.title() + ": ";
            try {
                out.println(prefix + step.run());
            } catch (Exception e) {
                failures++;
                out.println(prefix + "FAILED — " + e);
            }
        }
        out.println(failures == 0 ? "demo: all " + steps.size() + " steps passed"
                : "demo: " + failures + " of " + steps.size() + " steps failed");
        return failures == 0 ? 0 : 1;
    }
}

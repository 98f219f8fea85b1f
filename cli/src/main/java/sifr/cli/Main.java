package sifr.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Properties;

/** Entry point of the {@code sifr} command: dispatches to one subcommand. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a subcommand and returns the process exit code (testable without exiting). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "help" : args[0];
        // The subcommand's own arguments; subcommands that take arguments receive them.
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        try {
            return switch (command) {
                case "demo" -> new Demo(out).run(rest);
                case "serve" -> new Serve(out).run(rest);
                case "fetch" -> new Fetch(out, err, Fetch.onTerminal()).run(rest);
                case "ws" -> new WsCommand(System.in, out, err).run(rest);
                case "check" -> new CheckCommand(out, err).run(rest);
                case "version", "--version" -> {
                    out.println("sifr " + version());
                    yield 0;
                }
                case "help", "--help", "-h" -> {
                    out.print(Help.TEXT);
                    yield 0;
                }
                default -> {
                    err.println("sifr: unknown command '" + command + "'");
                    err.print(Help.TEXT);
                    yield 2;
                }
            };
        } catch (Exception e) {
            err.println("sifr " + command + ": " + e.getMessage());
            return 1;
        }
    }

    static String version() {
        Properties props = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/sifr-cli.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException ignored) {
            // the version is informational; a missing resource must not break the command
        }
        return props.getProperty("version", "unknown");
    }
}

package sifr.bench.servers;

/** Command-line handling shared by the peer servers: {@code <port>} (0 = any free port). */
public final class ServerArgs {
    /** The body every benchmark server answers with. */
    public static final String HELLO = "Hello, World!";

    private ServerArgs() {
    }

    /** The port from {@code args[0]}; exits with a usage line when it is missing or invalid. */
    public static int port(String[] args, String mainClass) {
        if (args.length != 1) {
            usage(mainClass);
        }
        try {
            int port = Integer.parseInt(args[0]);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to usage
        }
        usage(mainClass);
        return -1;
    }

    /** Prints the line the load runner waits for: {@code listening on 127.0.0.1:<port>}. */
    public static void announce(String what, int port) {
        System.out.println(what + " listening on 127.0.0.1:" + port);
        System.out.flush();
    }

    private static void usage(String mainClass) {
        System.err.println("usage: java -cp ... " + mainClass + " <port>   (answers GET with " + HELLO + ")");
        System.exit(2);
    }
}

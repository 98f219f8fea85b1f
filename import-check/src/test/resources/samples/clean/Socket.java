package clean;

/** A class of our own that happens to be called Socket: not the JDK's java.net.Socket. */
final class Socket {
    String name = "java.net.Socket";
}

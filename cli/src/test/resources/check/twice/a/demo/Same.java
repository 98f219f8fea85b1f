package demo;

final class Same {
    java.net.Socket socket;
}

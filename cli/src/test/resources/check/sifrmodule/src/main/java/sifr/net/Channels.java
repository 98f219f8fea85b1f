package sifr.net;

import java.nio.channels.SocketChannel;

final class Channels {
    SocketChannel channel;
}

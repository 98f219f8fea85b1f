package sifr.net;

import java.net.Socket;

final class ChannelsTest {
    Socket peer;
}

package sifr.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sifr.http.HttpServer;
import sifr.http.HttpServerOptions;
import sifr.http.Version;
import sifr.testing.PeerProcess;

/**
 * RFC 8441 interop for our server with a client built from Debian's {@code python3-h2} (its HTTP/2
 * engine: SETTINGS, HPACK, flow control, the {@code :protocol} pseudo-header it allows once the server
 * sent SETTINGS_ENABLE_CONNECT_PROTOCOL) and {@code python3-wsproto} (its WebSocket frames and
 * permessage-deflate), joined by a short script: the codecs on the wire are none of ours. The client
 * opens an extended CONNECT on h2c (prior knowledge), offers permessage-deflate, sends a text, a small
 * binary, a 200 kB text, 1 MiB of binary (past both sides' windows, so flow control works both ways)
 * and a fragmented text, checks every echo, then closes (1000) and waits for the end of the stream.
 *
 * <p>This is the foreign client for our RFC 8441 server that {@link WebSocketJettyHttp2InteropTest}'s
 * disabled case cannot be: Jetty 12.1.14's HTTP/2 WebSocket client loses messages that arrive just
 * after it opens, against Jetty's own server as well (see there).
 */
@Timeout(60)
class WebSocketPythonH2InteropTest {
    private static final WebSocketOptions DEFLATE = WebSocketOptions.builder().permessageDeflate(true)
            .maxMessageSize(4 << 20).maxFrameSize(4 << 20).build();

    /** {@code client.py PORT}: prints what it saw, one line per step; exits non-zero on any surprise. */
    private static final String CLIENT_PY = """
            import socket, sys
            import h2.config, h2.connection, h2.events
            from wsproto.connection import Connection, ConnectionType
            from wsproto.events import BytesMessage, CloseConnection, Ping, TextMessage
            from wsproto.extensions import PerMessageDeflate

            port = int(sys.argv[1])
            sock = socket.create_connection(('127.0.0.1', port), timeout=20)
            conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True, header_encoding='utf-8'))
            conn.initiate_connection()
            sock.sendall(conn.data_to_send())
            state = {'settings': False, 'status': None, 'accepted': None, 'ended': False}
            inbox = []  # WebSocket bytes received on the stream, in order
            sid = None

            def pump():
                data = sock.recv(65536)
                if not data:
                    sys.exit('EOF from the server')
                for e in conn.receive_data(data):
                    if isinstance(e, h2.events.RemoteSettingsChanged):
                        state['settings'] = True
                    elif isinstance(e, h2.events.ResponseReceived):
                        headers = dict(e.headers)
                        state['status'] = headers[':status']
                        state['accepted'] = headers.get('sec-websocket-extensions')
                    elif isinstance(e, h2.events.DataReceived):
                        inbox.append(e.data)
                        conn.acknowledge_received_data(e.flow_controlled_length, e.stream_id)
                    elif isinstance(e, h2.events.StreamEnded):
                        state['ended'] = True
                    elif isinstance(e, (h2.events.StreamReset, h2.events.ConnectionTerminated)):
                        sys.exit('HTTP/2 end: %r' % e)
                out = conn.data_to_send()
                if out:
                    sock.sendall(out)

            def send_stream(data):
                while data:
                    n = min(len(data), conn.local_flow_control_window(sid), conn.max_outbound_frame_size)
                    if n == 0:
                        pump()  # wait for WINDOW_UPDATE
                        continue
                    conn.send_data(sid, data[:n])
                    data = data[n:]
                    sock.sendall(conn.data_to_send())

            while not state['settings']:
                pump()
            print('ENABLE_CONNECT_PROTOCOL', conn.remote_settings.enable_connect_protocol, flush=True)
            deflate = PerMessageDeflate()
            sid = conn.get_next_available_stream_id()
            conn.send_headers(sid, [(':method', 'CONNECT'), (':protocol', 'websocket'), (':scheme', 'http'),
                                    (':path', '/ws'), (':authority', '127.0.0.1:%d' % port),
                                    ('sec-websocket-version', '13'),
                                    ('sec-websocket-extensions', 'permessage-deflate; ' + deflate.offer())])
            sock.sendall(conn.data_to_send())
            while state['status'] is None:
                pump()
            print('STATUS', state['status'], state['accepted'], flush=True)
            if state['accepted']:
                deflate.finalize(state['accepted'])
            ws = Connection(ConnectionType.CLIENT, extensions=[deflate] if deflate.enabled() else [])

            messages = []  # whole messages received
            partial = {'kind': None, 'data': None}
            closed = []

            def receive_one():
                while not messages and not closed:
                    while not inbox:
                        pump()
                    ws.receive_data(inbox.pop(0))
                    for e in ws.events():
                        if isinstance(e, (TextMessage, BytesMessage)):
                            if partial['data'] is None:
                                partial['data'] = e.data
                            else:
                                partial['data'] += e.data
                            if e.message_finished:
                                messages.append(partial['data'])
                                partial['data'] = None
                        elif isinstance(e, Ping):
                            send_stream(ws.send(e.response()))
                        elif isinstance(e, CloseConnection):
                            closed.append(e)
                return messages.pop(0) if messages else None

            large = bytes(i % 253 for i in range(1 << 20))
            send_stream(ws.send(TextMessage(data='hello')))
            send_stream(ws.send(BytesMessage(data=bytes([1, 2, 3]))))
            send_stream(ws.send(TextMessage(data='x' * 200000)))
            send_stream(ws.send(BytesMessage(data=large)))
            send_stream(ws.send(TextMessage(data='frag', message_finished=False)))
            send_stream(ws.send(TextMessage(data='mented', message_finished=True)))
            for _ in range(5):
                m = receive_one()
                if isinstance(m, str):
                    print('GOT T%d %s' % (len(m), m if len(m) < 20 else ''), flush=True)
                else:
                    print('GOT B%d %s' % (len(m), 'same' if m == large else m.hex() if len(m) < 20 else 'differs'), flush=True)
            from wsproto.events import CloseConnection as Close
            send_stream(ws.send(Close(code=1000, reason='bye')))
            receive_one()
            print('CLOSE', closed[0].code, closed[0].reason, flush=True)
            while not state['ended']:
                pump()
            print('END_STREAM', flush=True)
            conn.end_stream(sid)
            conn.close_connection()
            sock.sendall(conn.data_to_send())
            sock.close()
            """;

    @TempDir
    Path dir;

    static Path python() {
        Path python = PeerProcess.requireBinary("/usr/bin/python3", "python3");
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import h2, wsproto").redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                throw new AssertionError("Python modules h2 and wsproto are missing: "
                        + "apt-get install python3-h2 python3-wsproto");
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError("cannot run /usr/bin/python3: " + e);
        }
        return python;
    }

    @Test
    void rfc8441PythonH2ClientAgainstOurServerWithDeflate() throws Exception {
        BlockingQueue<Object> seen = new ArrayBlockingQueue<>(4);
        try (HttpServer server = HttpServer.start("127.0.0.1:0", request -> {
            seen.add(request.head().version());
            return WebSocket.upgrade(request, DEFLATE, ws -> {
                WebSocketMessage m = ws.receive();
                for (; !m.isClose(); m = ws.receive()) {
                    ws.send(m);
                }
                seen.add(m.closeStatus().orElseThrow());
            });
        }, HttpServerOptions.defaults())) {
            Path script = dir.resolve("client.py");
            Files.writeString(script, CLIENT_PY);
            try (PeerProcess py = PeerProcess.start(dir, List.of(python().toString(), script.toString(),
                    Integer.toString(server.localAddr().port())))) {
                assertThat(py.awaitExit(Duration.ofSeconds(40))).as(py.output()).isZero();
                assertThat(py.output().lines().toList()).as(py.output()).containsSubsequence(
                        "ENABLE_CONNECT_PROTOCOL 1",
                        "STATUS 200 permessage-deflate",
                        "GOT T5 hello",
                        "GOT B3 010203",
                        "GOT T200000 ",
                        "GOT B1048576 same",
                        "GOT T10 fragmented",
                        "CLOSE 1000 bye",
                        "END_STREAM");
            }
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(Version.HTTP_2);
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(new CloseStatus(1000, "bye", true));
        }
    }
}

/**
 * Async TCP over NIO channels on virtual threads: {@link sifr.net.ByteStream}, streams, listeners,
 * resolution.
 *
 * <table>
 * <caption>Start here</caption>
 * <tr><th>To</th><th>Start with</th></tr>
 * <tr><td>connect to a host (Happy Eyeballs, deadlines)</td><td>{@link sifr.net.Net#connectTcp(String)}, options in {@link sifr.net.TcpConnectOptions}</td></tr>
 * <tr><td>accept connections</td><td>{@link sifr.net.Net#listenTcp(String)} then {@link sifr.net.TcpListener#accept()}</td></tr>
 * <tr><td>read and write bytes, whatever the transport</td><td>{@link sifr.net.ByteStream} ({@link sifr.net.TcpStream} for TCP)</td></tr>
 * <tr><td>read and write from two threads</td><td>{@link sifr.net.TcpStream#split()} &rarr; {@link sifr.net.TcpHalves}</td></tr>
 * <tr><td>resolve a name</td><td>{@link sifr.net.Net#resolveHost(String)}</td></tr>
 * <tr><td>tell failures apart</td><td>{@link sifr.net.NetError}; deadlines give {@link sifr.task.TimeoutError}; bad options {@link sifr.net.OptionError}</td></tr>
 * </table>
 */
package sifr.net;

/** WebSocket echo benchmark: Sifr, Netty 4.2 and Jetty 12 servers driven by one client in one run. */
package sifr.bench.websocket;

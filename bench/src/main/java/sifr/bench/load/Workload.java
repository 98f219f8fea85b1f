package sifr.bench.load;

/** One kind of load, the tool that generates it, and the peer whose figures are the baseline. */
enum Workload {
    /** HTTP/1.1 keep-alive, one request in flight per connection: {@code wrk -t1 -c64}. */
    H1_PLAIN("HTTP/1.1", "wrk -t1 -c64"),
    /** HTTP/1.1 with 16 requests written back to back per connection (a wrk Lua script). */
    H1_PIPELINED("HTTP/1.1 pipelined", "wrk -t1 -c64, depth 16"),
    /** HTTP/2 cleartext with prior knowledge: 16 connections, 32 concurrent streams each. */
    H2C("h2c", "h2load -c16 -m32");

    final String label;
    final String tool;

    Workload(String label, String tool) {
        this.label = label;
        this.tool = tool;
    }

    boolean isHttp1() {
        return this != H2C;
    }
}

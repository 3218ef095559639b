package org.callrec.storage.s3;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A small HTTP proxy on 127.0.0.1 in front of the S3 API server that injects faults: it answers
 * 500 or 503 itself, answers slowly, or drops the connection midway through a request's body. It
 * can also go away altogether and come back on the same port. Each connection carries one request
 * (the proxy asks the server to close after answering), so that every request meets the rule.
 */
final class FaultProxy implements AutoCloseable {
    /** What the proxy does to a matching request. */
    enum Fault { ANSWER_500, ANSWER_503, ANSWER_SLOWLY, DROP_MIDWAY }

    private final int upstreamPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger served = new AtomicInteger();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private volatile Fault fault;
    private volatile Predicate<String> matching = line -> false;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile long slownessMillis = 3_000;

    FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    /** Returns the endpoint URL of the proxy. */
    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Applies a fault to the next {@code times} requests whose request line matches. */
    void inject(Fault kind, int times, Predicate<String> requestLine) {
        fault = kind;
        matching = requestLine;
        remaining.set(times);
    }

    /** Sets how long a slow answer waits before the request goes on to the server. */
    void slowness(long millis) {
        slownessMillis = millis;
    }

    /** Returns how many requests met a fault. */
    int faultsServed() {
        return served.get();
    }

    /** Returns the head (request line and headers) of every request seen, in order. */
    List<String> heads() {
        return List.copyOf(heads);
    }

    /** Stops listening and cuts every open connection, as a server that went away. */
    void goAway() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    /** Listens again on the same port. */
    void comeBack() throws IOException {
        listener = listen(port);
        accept(listener);
    }

    private void accept(ServerSocket socket) {
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    open.add(client);
                    Thread handler = new Thread(() -> handle(client), "fault-proxy-connection");
                    handler.setDaemon(true);
                    handler.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String requestLine = head.substring(0, head.indexOf("\r\n"));
            heads.add(head);
            Fault applied = fault != null && matching.test(requestLine)
                    && remaining.getAndDecrement() > 0 ? fault : null;
            if (applied != null) {
                served.incrementAndGet();
            }
            if (applied == Fault.ANSWER_500 || applied == Fault.ANSWER_503) {
                answer(client, head, applied == Fault.ANSWER_500 ? 500 : 503);
                return;
            }
            if (applied == Fault.ANSWER_SLOWLY) {
                Thread.sleep(slownessMillis);
            }
            forward(client, in, head, applied == Fault.DROP_MIDWAY);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // The connection ends; the client sees it dropped, which is the point.
        } finally {
            open.remove(client);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before a request head");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(ISO_8859_1);
    }

    private static void answer(Socket client, String head, int status) throws IOException {
        String lower = head.toLowerCase(Locale.ROOT);
        if (!lower.contains("expect: 100-continue")) {
            long length = contentLength(lower);
            client.getInputStream().skipNBytes(length);
        }
        String code = status == 503 ? "SlowDown" : "InternalError";
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                + "</Code><Message>injected by the fault proxy</Message></Error>";
        String response = "HTTP/1.1 " + status + (status == 503 ? " Slow Down" : " Server Error")
                + "\r\nContent-Type: application/xml\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body;
        client.getOutputStream().write(response.getBytes(ISO_8859_1));
        client.getOutputStream().flush();
    }

    private static long contentLength(String lowerHead) {
        for (String line : lowerHead.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }

    private void forward(Socket client, InputStream in, String head, boolean dropMidway)
            throws IOException, InterruptedException {
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            open.add(upstream);
            StringBuilder rewritten = new StringBuilder();
            for (String line : head.split("\r\n")) {
                if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    rewritten.append(line).append("\r\n");
                }
            }
            rewritten.append("Connection: close\r\n\r\n");
            upstream.getOutputStream().write(rewritten.toString().getBytes(ISO_8859_1));
            upstream.getOutputStream().flush();
            long limit = dropMidway ? 64 * 1024 : Long.MAX_VALUE;
            Thread up = new Thread(() -> pump(in, upstream, limit, client), "fault-proxy-up");
            up.setDaemon(true);
            up.start();
            pump(upstream.getInputStream(), client, Long.MAX_VALUE, upstream);
            up.join(1_000);
        } finally {
            client.close();
        }
    }

    private void pump(InputStream from, Socket to, long limit, Socket other) {
        byte[] buffer = new byte[64 * 1024];
        long sent = 0;
        try {
            OutputStream out = to.getOutputStream();
            for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                int allowed = (int) Math.min(n, limit - sent);
                out.write(buffer, 0, allowed);
                out.flush();
                sent += allowed;
                if (sent >= limit) {
                    // Cut both sides abruptly, as a server that died mid-request.
                    to.setSoLinger(true, 0);
                    other.setSoLinger(true, 0);
                    to.close();
                    other.close();
                    return;
                }
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // One side closed; the other follows.
        }
    }

    @Override
    public void close() throws IOException {
        goAway();
    }
}

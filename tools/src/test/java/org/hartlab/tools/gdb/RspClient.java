package org.hartlab.tools.gdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal GDB stand-in (also used by the command-line tests) over a real socket: sends framed packets and raw bytes, reads replies. */
public final class RspClient implements AutoCloseable {
    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;

    public RspClient(InetSocketAddress address) throws IOException {
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public static String frame(String data) {
        int sum = 0;
        for (char c : data.toCharArray()) {
            sum += c;
        }
        return "$" + data + "#" + "%02x".formatted(sum & 0xff);
    }

    public void sendRaw(String bytes) throws IOException {
        out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public void send(String packet) throws IOException {
        sendRaw(frame(packet));
    }

    /**
     * GDB's kill: sends k and, as GDB does, reads the server's acknowledgement before the caller hangs up (a
     * close with that '+' still unread would reset the connection, and the reset may discard the k itself).
     */
    public void kill() throws IOException {
        sendAcked("k");
    }

    /** Sends {@code packet} and reads up to its acknowledgement, leaving the reply unread. */
    public void sendAcked(String packet) throws IOException {
        send(packet);
        skipPast('+', "connection closed before " + packet + " was acknowledged");
    }

    /** Reads up to and including {@code wanted}; end of stream first is an IOException saying {@code closed}. */
    private void skipPast(char wanted, String closed) throws IOException {
        int b;
        while ((b = in.read()) != wanted) {
            if (b < 0) {
                throw new IOException(closed);
            }
        }
    }

    /** The next packet's payload (escapes not undone), skipping acknowledgements; acknowledges it. */
    public String receive() throws IOException {
        skipPast('$', "connection closed");
        int b;
        StringBuilder data = new StringBuilder();
        while ((b = in.read()) != '#') {
            if (b < 0) {
                throw new IOException("connection closed inside a packet");
            }
            data.append((char) b);
        }
        in.read();
        in.read();
        sendRaw("+");
        return data.toString();
    }

    /** The packet's reply. */
    public String ask(String packet) throws IOException {
        send(packet);
        return receive();
    }

    /** True if the server closes the connection (reads end of stream) within the socket timeout. */
    public boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    /**
     * A session at {@code address}, once the server has noticed that the previous one closed: until then a
     * connection is refused (an error reply, or closed at once); returns the client whose "?" got a stop reply.
     */
    public static RspClient nextSession(InetSocketAddress address) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            RspClient c = new RspClient(address);
            try {
                if (c.ask("?").startsWith("T05thread:")) {
                    return c;
                }
            } catch (IOException refusedWhileTheFirstClosed) {
                // retried below
            }
            c.close();
            Thread.sleep(20);
        }
        throw new AssertionError("no session accepted after the previous one closed");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

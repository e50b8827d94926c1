package org.hartlab.tools;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's static riscv64 busybox (package busybox-static), fetched once into tools/target/busybox/ from the
 * Debian archive and checked against its known SHA-256; never committed. A test that needs it calls {@link #path}:
 * when it cannot be had (no network, no dpkg-deb, a different file), the test skips saying why, or fails under
 * HARTLAB_REQUIRE_TOOLS=true.
 */
final class DebianBusybox {
    static final String URL =
            "http://deb.debian.org/debian/pool/main/b/busybox/busybox-static_1.37.0-6+b9_riscv64.deb";
    static final String SHA256 = "4add476d2b185c5b487c285b38d790f0881a7e4a8e2ddde835f917e770eb8633";
    private static final Path DIR = TestPaths.ROOT.resolve("tools/target/busybox");
    private static final Path BINARY = DIR.resolve("usr/bin/busybox");

    private DebianBusybox() {
    }

    /** The busybox binary, fetched and unpacked if it is not there yet. */
    static synchronized Path path() {
        if (Files.isRegularFile(BINARY)) {
            return BINARY;
        }
        Path dpkgDeb = RequiredTool.require("dpkg-deb", "dpkg");
        try {
            Files.createDirectories(DIR);
            Path deb = DIR.resolve("busybox-static.deb");
            download(deb);
            String sum = sha256(deb);
            if (!sum.equals(SHA256)) {
                Files.delete(deb);
                RequiredTool.missing(URL + " has SHA-256 " + sum + ", not the expected " + SHA256);
            }
            HostCommand.Result unpack = HostCommand.run(List.of(dpkgDeb.toString(), "-x", deb.toString(),
                    DIR.toString()), 2, TimeUnit.MINUTES);
            if (unpack.exitCode() != 0 || !Files.isRegularFile(BINARY)) {
                RequiredTool.missing("dpkg-deb -x " + deb + " failed: " + unpack.output());
            }
            return BINARY;
        } catch (IOException e) {
            RequiredTool.missing("cannot fetch busybox-static from " + URL + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            RequiredTool.missing("interrupted while fetching " + URL);
        }
        return null;
    }

    private static void download(Path deb) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(URL)).timeout(Duration.ofMinutes(2)).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            Path partial = deb.resolveSibling(deb.getFileName() + ".part");
            Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, deb, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

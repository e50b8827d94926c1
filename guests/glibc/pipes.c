/* pipes: file descriptors as Linux has them, through glibc: pipe + fork + dup2
 * with an exec-free child, end of file once the last writer closes, fcntl's
 * flags, O_NONBLOCK's EAGAIN and partial writes, partial reads, a writer
 * blocking on a full pipe, EPIPE, readv/writev, lseek and isatty on a pipe,
 * fstat, poll/ppoll/select readiness and timeouts, bad descriptors and bad
 * pointers, and standard input at its end. Prints one `ok` line per check and
 * `pipes ok`, exits 0; 1 on the first failed check.
 *
 * With the argument `stdin` it only reads its standard input to the end and
 * prints how many bytes came and a checksum of them. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BIG 200000

static char buf[BIG];

static void check(const char *what, int ok)
{
    printf("%s %s\n", what, ok ? "ok" : "FAILED");
    if (!ok) {
        printf("errno %d\n", errno);
        exit(1);
    }
}

/* fork after flushing stdout, so the child does not print the parent's lines again */
static pid_t fork_clean(void)
{
    fflush(stdout);
    return fork();
}

static int exit_status(pid_t pid)
{
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

static void fork_dup2(void)
{
    int p[2];
    check("pipe", pipe(p) == 0);
    pid_t pid = fork_clean();
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        static const char line[] = "from the child\n";
        write(1, line, sizeof line - 1);
        _exit(7);
    }
    close(p[1]);
    size_t got = 0;
    ssize_t n;
    while ((n = read(p[0], buf + got, sizeof buf - got)) > 0)
        got += n;
    check("pipe-fork-dup2", n == 0 && got == 15 && memcmp(buf, "from the child\n", 15) == 0);
    check("child-exit-status", exit_status(pid) == 7);
    close(p[0]);
}

static void flags(void)
{
    int p[2];
    check("pipe2-flags", pipe2(p, O_NONBLOCK | O_CLOEXEC) == 0);
    check("getfl-nonblock", (fcntl(p[0], F_GETFL) & (O_NONBLOCK | O_ACCMODE)) == (O_NONBLOCK | O_RDONLY)
          && (fcntl(p[1], F_GETFL) & O_ACCMODE) == O_WRONLY);
    check("getfd-cloexec", fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC);
    check("read-eagain", read(p[0], buf, 10) == -1 && errno == EAGAIN);
    check("partial-write", write(p[1], buf, 100000) == 65536);
    check("full-write-eagain", write(p[1], buf, 1) == -1 && errno == EAGAIN);
    check("partial-read", read(p[0], buf, 1000) == 1000 && read(p[0], buf, 100000) == 64536);
    check("setfl", fcntl(p[0], F_SETFL, 0) == 0 && (fcntl(p[0], F_GETFL) & O_NONBLOCK) == 0);
    check("setfd", fcntl(p[0], F_SETFD, 0) == 0 && fcntl(p[0], F_GETFD) == 0);
    int d = fcntl(p[0], F_DUPFD_CLOEXEC, 10);
    check("dupfd-cloexec", d >= 10 && fcntl(d, F_GETFD) == FD_CLOEXEC);
    int e = dup(p[0]);
    check("dup-shares-flags", fcntl(p[1], F_SETFL, O_NONBLOCK) == 0 && (fcntl(e, F_GETFL) & O_NONBLOCK) == 0
          && fcntl(e, F_GETFD) == 0);
    close(d);
    close(e);
    close(p[0]);
    close(p[1]);
}

static void blocking_full_write(void)
{
    int p[2];
    pipe(p);
    pid_t pid = fork_clean();
    if (pid == 0) {
        close(p[1]);
        usleep(20000); /* the writer fills the pipe and waits */
        size_t got = 0;
        ssize_t n;
        while ((n = read(p[0], buf, 7000)) > 0)
            got += n;
        _exit(got == BIG ? 0 : 1);
    }
    close(p[0]);
    memset(buf, 'x', BIG);
    check("blocking-write-all", write(p[1], buf, BIG) == BIG);
    close(p[1]);
    check("reader-got-all", exit_status(pid) == 0);
}

static void broken_pipe(void)
{
    int p[2];
    signal(SIGPIPE, SIG_IGN);
    pipe(p);
    close(p[0]);
    check("epipe", write(p[1], "x", 1) == -1 && errno == EPIPE);
    close(p[1]);
}

static void vectors(void)
{
    int p[2];
    pipe(p);
    struct iovec out[2] = {{"abc", 3}, {"defg", 4}};
    char a[2], b[8];
    struct iovec in[2] = {{a, 2}, {b, sizeof b}};
    check("writev", writev(p[1], out, 2) == 7);
    check("readv", readv(p[0], in, 2) == 7 && memcmp(a, "ab", 2) == 0 && memcmp(b, "cdefg", 5) == 0);
    check("lseek-espipe", lseek(p[0], 0, SEEK_CUR) == -1 && errno == ESPIPE);
    check("isatty-enotty", !isatty(p[0]) && errno == ENOTTY);
    struct stat r, w;
    check("fstat-fifo", fstat(p[0], &r) == 0 && fstat(p[1], &w) == 0 && S_ISFIFO(r.st_mode)
          && r.st_ino == w.st_ino);
    close(p[0]);
    close(p[1]);
}

static void readiness(void)
{
    int p[2];
    pipe(p);
    struct pollfd fds[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
    check("poll-empty", poll(fds, 1, 0) == 0);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    check("poll-timeout", poll(fds, 1, 15) == 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    check("poll-waited", (t1.tv_sec - t0.tv_sec) * 1000000000LL + t1.tv_nsec - t0.tv_nsec >= 15000000);
    check("poll-writable", poll(fds + 1, 1, 0) == 1 && fds[1].revents == POLLOUT);
    write(p[1], "y", 1);
    check("poll-readable", poll(fds, 2, -1) == 2 && fds[0].revents == POLLIN);
    read(p[0], buf, 1);
    pid_t pid = fork_clean();
    if (pid == 0) {
        usleep(10000);
        write(p[1], "z", 1);
        _exit(0);
    }
    struct timespec forever = {100, 0};
    check("ppoll-wakes-on-data", ppoll(fds, 1, &forever, NULL) == 1 && fds[0].revents == POLLIN);
    exit_status(pid);
    read(p[0], buf, 1);
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(p[0], &readable);
    struct timeval tv = {0, 5000};
    check("select-timeout", select(p[0] + 1, &readable, NULL, NULL, &tv) == 0 && !FD_ISSET(p[0], &readable));
    write(p[1], "w", 1);
    FD_SET(p[0], &readable);
    check("select-readable", select(p[0] + 1, &readable, NULL, NULL, NULL) == 1 && FD_ISSET(p[0], &readable));
    close(p[1]);
    check("poll-hangup", poll(fds, 1, -1) == 1 && fds[0].revents == (POLLIN | POLLHUP));
    read(p[0], buf, 1);
    check("poll-hangup-drained", poll(fds, 1, -1) == 1 && fds[0].revents == POLLHUP);
    close(p[0]);
    struct pollfd bad = {999, POLLIN, 0};
    check("poll-nval", poll(&bad, 1, 0) == 1 && bad.revents == POLLNVAL);
}

/* an address no mapping covers, hidden from the compiler's bounds checks */
static void *volatile unmapped = (void *) 8;

static void bad_arguments(void)
{
    int p[2];
    pipe(p);
    check("read-write-end-ebadf", read(p[1], buf, 1) == -1 && errno == EBADF);
    check("write-read-end-ebadf", write(p[0], "x", 1) == -1 && errno == EBADF);
    write(p[1], "x", 1);
    check("read-efault", read(p[0], unmapped, 1) == -1 && errno == EFAULT);
    check("read-after-efault", read(p[0], buf, 1) == 1 && buf[0] == 'x');
    check("write-efault", write(p[1], unmapped, 1) == -1 && errno == EFAULT);
    check("pipe2-efault", pipe2(unmapped, 0) == -1 && errno == EFAULT);
    check("pipe2-einval", pipe2(p, O_APPEND) == -1 && errno == EINVAL);
    check("close-ebadf", close(999) == -1 && errno == EBADF);
    check("fcntl-ebadf", fcntl(999, F_GETFD) == -1 && errno == EBADF);
    check("dup3-same-einval", dup3(p[0], p[0], 0) == -1 && errno == EINVAL);
    check("dup3-flags-einval", dup3(p[0], 20, O_NONBLOCK) == -1 && errno == EINVAL);
    check("dup2-same", dup2(p[0], p[0]) == p[0]);
    check("dup2-negative-ebadf", dup2(p[0], -1) == -1 && errno == EBADF);
    int freed = p[0];
    close(p[0]);
    int lowest = dup(1);
    check("dup-lowest", lowest == freed);
    close(lowest);
    close(p[1]);
}

static int read_stdin(void)
{
    size_t total = 0;
    unsigned long sum = 0;
    ssize_t n;
    while ((n = read(0, buf, 3000)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            sum = sum * 31 + (unsigned char) buf[i];
        total += n;
    }
    printf("stdin bytes=%zu sum=%lu end=%zd\n", total, sum, n);
    return n == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "stdin") == 0)
        return read_stdin();
    check("stdin-eof", read(0, buf, 10) == 0);
    fork_dup2();
    flags();
    blocking_full_write();
    broken_pipe();
    vectors();
    readiness();
    bad_arguments();
    printf("pipes ok\n");
    return 0;
}

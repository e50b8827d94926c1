#!/bin/sh
# qemu-check.sh DIR: runs the user programs DIR/NAME.elf on qemu-riscv64
# (Debian package qemu-user), the Linux reference for kernel-mini, and checks
# each one's exit code and output. `make user-qemu-check` calls it.
dir=${1:-../kernel-mini/src/main/resources/programs}
qemu=$(command -v qemu-riscv64) || { echo "user-qemu-check: qemu-riscv64 not found (apt-get install -y qemu-user)"; exit 1; }
timeout=${TIMEOUT:-300}
fail=0
out=$(mktemp) && trap 'rm -f "$out"' EXIT

# run NAME WANT_RC GREP_PATTERN... -- ARGS: each pattern must match a whole output line
run() {
    name=$1 want=$2; shift 2
    pats=; while [ $# -gt 0 ] && [ "$1" != -- ]; do pats="$pats$1
"; shift; done
    [ "$1" = -- ] && shift
    env -i HARTLAB=yes timeout "$timeout" "$qemu" "$dir/$name.elf" "$@" >"$out" 2>&1
    rc=$?
    why=
    [ $rc -eq "$want" ] || why="exit code $rc, want $want"
    printf '%s' "$pats" | while IFS= read -r p; do
        grep -qx -- "$p" "$out" || { echo "missing line: $p"; }
    done >"$out.miss"
    [ -s "$out.miss" ] && why="${why:+$why; }$(tr '\n' ';' <"$out.miss")"
    rm -f "$out.miss"
    if [ -z "$why" ]; then echo "PASS $name $*"; else echo "FAIL $name $*: $why"; sed 's/^/    | /' "$out"; fail=1; fi
}

run hello 0 'hello from hartlab'
run args 0 'argc=3' 'argv\[1\]=one' 'argv\[2\]=two words' 'envp\[0\]=HARTLAB=yes' 'AT_PAGESZ=4096' \
    'AT_RANDOM=[0-9a-f]\{32\}' 'AT_PHDR=0x10040' 'AT_ENTRY=0x[0-9a-f]*' -- one 'two words'
run brk-test 0 'brk ok: .*'
run mmap-test 0 'mmap ok'
run fork-test 0 'fork ok'
run threads-test 0 'counter=30000 threads=3'
run syscalls-test 0 'writev ok' 'syscalls ok'
run fork-tree 0 'leaves=27 expected=27'
run threads 0 'atomic=20000 mutex=20000 expected=20000'
run mmap-stress 0 'mmap-stress ok rounds=200'
run pingpong 0 'pingpong rounds=500'
run cow-cost 0 'cow-writes=.*'
run cow-race 0 'iterations=1000 violations=0' 'x=1000 expected=1000'
run cow-race 0 'iterations=2000 violations=0' 'x=2000 expected=2000' -- 2000
run litmus-spin 0 'litmus-spin forks=100 violations=0 increments=[0-9]* x=[0-9]*' -- 100
run litmus-futex 0 'litmus-futex forks=100 violations=0 increments=[0-9]* x=[0-9]*' -- 100
run bad-syscalls 0 'bad-syscalls ok checks=37'
run fp-threads 0 'fp-threads ok threads=6'
run many-threads 0 'many-threads total=2000 sum=2001000 expected=2001000'
run cow-fork 0 'cow-fork children=400 changed=0'
run cow-unmap 0 'cow-unmap munmap rounds=200 broken=0' -- munmap
run cow-unmap 0 'cow-unmap mprotect rounds=200 broken=0' -- mprotect
# fork-bomb and oom are hartlab-only: on a real Linux they would exhaust the host, not a guest.

if [ $fail -ne 0 ]; then echo "user-qemu-check: FAILED"; exit 1; fi
echo "user-qemu-check: all user programs pass on $("$qemu" --version | head -n 1)"

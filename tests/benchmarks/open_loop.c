/* SPDX-License-Identifier: Apache-2.0
 * open_loop N r|w PATH: N opens (+close) of one file, read-only or O_WRONLY|O_CREAT|O_TRUNC. Built by the benchmark
 * scripts of this folder (tracer-overhead.sh, compare-builds.sh). */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
int main(int argc, char **argv) {
    if (argc < 4) return 2;
    long n = atol(argv[1]);
    int w = argv[2][0] == 'w';
    for (long i = 0; i < n; i++) {
        int fd = w ? open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644) : open(argv[3], O_RDONLY);
        if (fd < 0) return 1;
        close(fd);
    }
    return 0;
}

/* sha256.h — SHA-256 (FIPS 180-4) of a byte string or a file, for the
 * checksums --save-config records (core-private). */
#ifndef KILN_SHA256_H
#define KILN_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct kiln_sha256 {
    uint32_t h[8];
    uint64_t total;        /* bytes hashed so far */
    unsigned char block[64];
    size_t used;           /* bytes waiting in block */
} kiln_sha256;

void kiln_sha256_init(kiln_sha256 *c);
void kiln_sha256_update(kiln_sha256 *c, const void *data, size_t n);
/* Finish and write the digest as 64 lowercase hex digits and a NUL. */
void kiln_sha256_hex(kiln_sha256 *c, char hex[65]);

/* The digest of the file PATH as hex. Returns 0, or -1 (errno set). */
int kiln_sha256_file(const char *path, char hex[65]);

#endif
